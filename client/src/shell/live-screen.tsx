// Opens the room's socket once and shows the view of the seat the token opens: 场控 and viewers the big
// screen, 助播 the cue console, 主播 the prompter. Each view is its own chunk (the phone prompter never loads
// the big screen's charts), fetched as soon as the address names the seat, while the socket connects.
import { lazy, Suspense, useEffect } from 'react';
import { api } from '../lib/api.ts';
import { showRoomName, startBridge } from '../lib/bridge.ts';
import { setCommandSocket } from '../lib/commands.ts';
import { errorText } from '../lib/error-words.ts';
import { useT } from '../lib/i18n.ts';
import { rememberRoom } from '../lib/recent-rooms.ts';
import { createLiveSocket } from '../lib/socket.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useRoomStore } from '../stores/room-store.ts';
import { SeatClosedNotice } from '../widgets/seat-closed.tsx';
import { ConnectionBadge, RetryControl } from '../widgets/status-badges.tsx';
import { preloadScreenControls } from './screen-controls.tsx';

const loadPrompter = () =>
  import('../features/prompter/prompter-mount.tsx').then((m) => ({ default: m.PrompterMount }));
const loadAssistant = () =>
  import('../features/assistant/assistant-console.tsx').then((m) => ({ default: m.AssistantConsole }));
const loadBigScreen = () => import('../features/big-screen/big-screen.tsx').then((m) => ({ default: m.BigScreen }));
const Prompter = lazy(loadPrompter);
const AssistantConsole = lazy(loadAssistant);
const BigScreen = lazy(loadBigScreen);
const PRELOAD: Record<string, () => Promise<unknown>> = {
  host: loadPrompter,
  assistant: () => Promise.all([loadAssistant(), preloadScreenControls()]),
  controller: () => Promise.all([loadBigScreen(), preloadScreenControls()]),
  viewer: () => Promise.all([loadBigScreen(), preloadScreenControls()]),
};

async function loadRoomName(roomId: string, seat: string): Promise<void> {
  try {
    const room = await api<{ name: string }>(`/api/rooms/${encodeURIComponent(roomId)}`, { seat });
    showRoomName(room.name);
    rememberRoom({ roomId, seat, name: room.name });
  } catch {
    // Offline or refused: the header shows the room id instead.
  }
}

export function LiveScreen({ roomId, seat: seatName }: { roomId: string; seat: string }) {
  useEffect(() => {
    void PRELOAD[seatName]?.();
  }, [seatName]);
  useEffect(() => {
    const socket = createLiveSocket(roomId, seatName);
    setCommandSocket(socket);
    const stop = startBridge(socket);
    void loadRoomName(roomId, seatName);
    return () => {
      setCommandSocket(null);
      stop();
    };
  }, [roomId, seatName]);
  const seat = useRoomStore((s) => s.seat);
  const status = useConnectionStore((s) => s.status);
  // A token the server accepted is worth offering again in the picker, with or without its name.
  const accepted = status === 'live';
  useEffect(() => {
    if (accepted) rememberRoom({ roomId, seat: seatName, name: useRoomStore.getState().roomName ?? undefined });
  }, [accepted, roomId, seatName]);
  const screen = seatScreen(seat, roomId);
  if (screen)
    return (
      <>
        <Suspense fallback={null}>{screen}</Suspense>
        <SeatClosedNotice />
      </>
    );
  return (
    <div className="waiting">
      <ConnectionBadge />
      <RetryControl />
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
  const code = useConnectionStore((s) => s.errorCode);
  return (
    <>
      <p className="error-message" data-testid="conn-error">
        {code ? errorText({ code, message: message ?? code }, t) : message}
      </p>
      <a href="/">{t('pickRoom')}</a>
    </>
  );
}
