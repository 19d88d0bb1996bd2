// Opens the room's socket once and shows the view of the seat the token opens: 场控 and viewers the big
// screen, 助播 the cue console, 主播 the prompter.
import { useEffect } from 'react';
import { startBridge } from '../../lib/bridge.ts';
import { setCommandSocket } from '../../lib/commands.ts';
import { useT } from '../../lib/i18n.ts';
import { rememberRoom } from '../../lib/recent-rooms.ts';
import { createLiveSocket } from '../../lib/socket.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { SeatClosedNotice } from '../../widgets/seat-closed.tsx';
import { AssistantConsole } from '../assistant/assistant-console.tsx';
import { BigScreen } from '../big-screen/big-screen.tsx';
import { ConnectionBadge } from '../big-screen/status-badges.tsx';
import { Prompter } from '../prompter/prompter.tsx';

async function loadRoomName(roomId: string, token: string): Promise<void> {
  try {
    const res = await fetch(`/api/rooms/${encodeURIComponent(roomId)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) return;
    const room = (await res.json()) as { name: string };
    useRoomStore.setState({ roomName: room.name });
    rememberRoom({ roomId, token, name: room.name });
  } catch {
    // Offline: the header shows the room id instead.
  }
}

export function LiveScreen({ roomId, token }: { roomId: string; token: string }) {
  useEffect(() => {
    const socket = createLiveSocket(roomId, token);
    setCommandSocket(socket);
    const stop = startBridge(socket);
    void loadRoomName(roomId, token);
    return () => {
      setCommandSocket(null);
      stop();
    };
  }, [roomId, token]);
  const seat = useRoomStore((s) => s.seat);
  const status = useConnectionStore((s) => s.status);
  // A token the server accepted is worth offering again in the picker, with or without its name.
  const accepted = status === 'live';
  useEffect(() => {
    if (accepted) rememberRoom({ roomId, token, name: useRoomStore.getState().roomName ?? undefined });
  }, [accepted, roomId, token]);
  const screen = seatScreen(seat, roomId);
  if (screen)
    return (
      <>
        {screen}
        <SeatClosedNotice />
      </>
    );
  return (
    <div className="waiting">
      <ConnectionBadge />
      {status === 'error' ? <ErrorNotice /> : <p>…</p>}
    </div>
  );
}

function seatScreen(seat: string | null, roomId: string) {
  if (seat === 'host') return <Prompter />;
  if (seat === 'assistant') return <AssistantConsole roomId={roomId} />;
  if (seat === 'controller' || seat === 'viewer') return <BigScreen roomId={roomId} />;
  return null;
}

/** A refused screen says why (the server's message) and offers the picker. */
function ErrorNotice() {
  const t = useT();
  const message = useConnectionStore((s) => s.errorMessage);
  return (
    <>
      <p className="error-message" data-testid="conn-error">
        {message}
      </p>
      <a href="/">{t('pickRoom')}</a>
    </>
  );
}
