// The bridge is the only code that listens to the socket and the only writer into the stores. It checks the
// tick sequence: a gap, or a silence longer than STALE_AFTER_TICKS ticks, marks the screen stale and asks for
// a resync; a refused handshake is shown with its code, never retried blindly.
import type { SnapshotMessage, TickMessage } from '../../../shared/protocol.ts';
import { applyAlerts, resolveAlert, upsertAlert } from '../stores/alerts-store.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { applyCues, upsertCue } from '../stores/cues-store.ts';
import { useRoomStore } from '../stores/room-store.ts';
import { appendOnline, seedOnline } from '../stores/series-store.ts';
import { useUiStore } from '../stores/ui-store.ts';
import { chime } from './chime.ts';
import type { LiveSocket } from './socket.ts';

const STALE_AFTER_TICKS = 3;
const FATAL_CODES = new Set(['unauthorized', 'forbidden', 'forbidden_seat', 'bad_handshake']);

/** The subset of a socket the bridge uses, so tests can hand it a fake. */
export type BridgeSocket = Pick<LiveSocket, 'on' | 'emit' | 'disconnect'> & { connected: boolean };

export function startBridge(socket: BridgeSocket, now: () => number = () => Date.now()): () => void {
  const conn = useConnectionStore;
  let resyncing = false;

  const applySnapshot = (msg: SnapshotMessage) => {
    useRoomStore.setState({ state: msg.state, seat: msg.seat });
    applyAlerts(msg.alerts ?? []);
    applyCues(msg.cues ?? []);
    seedOnline(msg.series.online);
    conn.setState({
      status: 'live',
      tickIntervalMs: msg.tickIntervalMs,
      lastSeq: msg.state.seq,
      lastTickAt: now(),
      errorCode: null,
      errorMessage: null,
    });
  };

  const resync = () => {
    if (resyncing || !socket.connected) return;
    resyncing = true;
    conn.setState({ status: 'stale' });
    socket.emit('room:resync', {}, (res) => {
      resyncing = false;
      if (res.ok) applySnapshot(res.data);
    });
  };

  const onTick = (msg: TickMessage) => {
    const { lastSeq } = conn.getState();
    if (lastSeq !== null && msg.seq !== lastSeq + 1) return resync();
    useRoomStore.setState({ state: msg.state });
    appendOnline(msg.state.ts, msg.state.online);
    conn.setState({ status: 'live', lastSeq: msg.seq, lastTickAt: now() });
  };

  socket.on('room:snapshot', applySnapshot);
  socket.on('alert:raised', ({ alert }) => {
    upsertAlert(alert);
    if (!useUiStore.getState().muted) chime(alert.severity);
  });
  socket.on('alert:updated', ({ alert }) => upsertAlert(alert));
  socket.on('alert:resolved', ({ alert }) => resolveAlert(alert));
  socket.on('cue:new', ({ cue }) => upsertCue(cue));
  socket.on('cue:updated', ({ cue }) => upsertCue(cue));
  socket.on('room:tick', onTick);
  socket.on('connect_error', (err: Error & { data?: { message?: string } }) => {
    const fatal = FATAL_CODES.has(err.message);
    conn.setState({
      status: fatal ? 'error' : 'reconnecting',
      errorCode: err.message,
      errorMessage: err.data?.message ?? err.message,
    });
    if (fatal) socket.disconnect();
  });
  socket.on('disconnect', () => {
    if (conn.getState().status !== 'error') conn.setState({ status: 'reconnecting', lastSeq: null });
  });

  const watchdog = setInterval(() => {
    const { status, lastTickAt, tickIntervalMs } = conn.getState();
    if (status === 'live' && lastTickAt !== null && now() - lastTickAt > STALE_AFTER_TICKS * tickIntervalMs) resync();
  }, 250);

  return () => {
    clearInterval(watchdog);
    socket.disconnect();
  };
}
