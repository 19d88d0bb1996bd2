// The bridge is the only code that listens to the socket and the only writer into the stores. It applies each
// patch to the state of the previous seq: a gap, a patch that does not fit, or a silence longer than
// STALE_AFTER_TICKS clock ticks marks the screen stale and asks for a resync; a refused handshake is shown with
// its code, never retried blindly.
import type { Alert } from '../../../shared/alerts.ts';
import type { Cue } from '../../../shared/cues.ts';
import { applyPatch, PATCH_FORMAT } from '../../../shared/patch.ts';
import {
  COMMAND_SEATS,
  type PatchMessage,
  PROTOCOL_VERSION,
  type RebuildingMessage,
  type RulesMessage,
  type Seat,
  type SeatClosedMessage,
  type SnapshotMessage,
} from '../../../shared/protocol.ts';
import type { RoomState } from '../../../shared/state.ts';
import { applyAlerts, resolveAlert, upsertAlert } from '../stores/alerts-store.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { applyCues, isOpenCue, upsertCue, useCuesStore } from '../stores/cues-store.ts';
import { applyOutlook } from '../stores/outlook-store.ts';
import { useRoomStore } from '../stores/room-store.ts';
import { applyRules, changeRules } from '../stores/rules-store.ts';
import { appendOnline, seedOnline } from '../stores/series-store.ts';
import { useUiStore } from '../stores/ui-store.ts';
import { chime } from './chime.ts';
import type { LiveSocket } from './socket.ts';

/** Silence longer than this many tick intervals means ticks are being lost: the screen says so and resyncs. */
export const STALE_AFTER_TICKS = 3;
/** A resync whose answer never came (the link dropped mid-request) may be asked again after this long. */
export const RESYNC_RETRY_MS = 5_000;
const WATCHDOG_MS = 250;
/** Handshake codes that retrying cannot fix; anything the server refused (socket not active) is fatal too. */
const FATAL_CODES = new Set(['unauthorized', 'forbidden', 'forbidden_seat', 'bad_handshake', 'unknown_room']);
const CUE_SENDERS = new Set<Seat>(COMMAND_SEATS['cue:push']);

/** The subset of a socket the bridge uses, so tests can hand it a fake. */
export type BridgeSocket = Pick<LiveSocket, 'on' | 'off' | 'emit' | 'disconnect'> & {
  connected: boolean;
  /** false once the server refused the handshake or closed the socket: socket.io will not reconnect by itself. */
  active: boolean;
};

type HandshakeError = Error & { data?: { code?: string; message?: string } };

const conn = useConnectionStore;

class Bridge {
  private resyncAskedAt: number | null = null;

  constructor(
    private readonly socket: BridgeSocket,
    private readonly now: () => number,
  ) {}

  readonly onSnapshot = (msg: SnapshotMessage): void => {
    this.resyncAskedAt = null;
    if (msg.protocol !== PROTOCOL_VERSION || msg.patchFormat !== PATCH_FORMAT) {
      this.fail('protocol_mismatch', `server protocol ${msg.protocol}, screen ${PROTOCOL_VERSION}: reload`);
      return;
    }
    useRoomStore.setState({ state: msg.state, seat: msg.seat });
    applyAlerts(msg.alerts ?? []);
    applyCues(msg.cues ?? []);
    // An older server sends no rules: leave them unknown rather than show an empty list as if it were true.
    if (msg.rules) applyRules(msg.rules);
    seedOnline(msg.series.online);
    conn.setState({
      status: 'live',
      tickIntervalMs: msg.tickIntervalMs,
      lastSeq: msg.state.seq,
      lastTickAt: this.now(),
      errorCode: null,
      errorMessage: null,
      rebuild: null,
    });
  };

  /** The figures on screen (if any) are not current until the snapshot that ends the rebuild. */
  readonly onRebuilding = (msg: RebuildingMessage): void => {
    if (conn.getState().status === 'error') return;
    conn.setState({ status: 'rebuilding', lastSeq: null, rebuild: { done: msg.done, total: msg.total } });
  };

  readonly onPatch = (msg: PatchMessage): void => {
    const { lastSeq, status } = conn.getState();
    const current = useRoomStore.getState().state;
    // Before the first snapshot (or after a drop) there is nothing to patch: the snapshot is on its way.
    if (status === 'error' || lastSeq === null || current === null) return;
    if (msg.seq !== lastSeq + 1) {
      this.resync();
      return;
    }
    let state: RoomState;
    try {
      state = applyPatch(current, msg.ops, { seq: msg.seq });
    } catch {
      this.resync();
      return;
    }
    useRoomStore.setState({ state });
    appendOnline(state.ts, state.online);
    conn.setState({ status: 'live', lastSeq: msg.seq, lastTickAt: this.now() });
  };

  readonly onConnectError = (err: HandshakeError): void => {
    const code = err.data?.code ?? err.message;
    const fatal = FATAL_CODES.has(code) || !this.socket.active;
    conn.setState({
      status: fatal ? 'error' : 'reconnecting',
      errorCode: code,
      errorMessage: err.data?.message ?? code,
    });
    if (fatal) this.socket.disconnect();
  };

  readonly onDisconnect = (reason: string): void => {
    this.resyncAskedAt = null;
    if (conn.getState().status === 'error') return;
    // The server closed the socket on purpose: socket.io will not reconnect, so say so instead of waiting.
    if (reason === 'io server disconnect') this.fail('server_disconnect', 'the server closed this screen');
    else conn.setState({ status: 'reconnecting', lastSeq: null });
  };

  readonly onAlertRaised = ({ alert }: { alert: Alert }): void => {
    upsertAlert(alert);
    if (!useUiStore.getState().muted) chime(alert.severity);
  };
  readonly onAlertUpdated = ({ alert }: { alert: Alert }): void => upsertAlert(alert);
  readonly onAlertResolved = ({ alert }: { alert: Alert }): void => resolveAlert(alert);
  readonly onCue = ({ cue }: { cue: Cue }): void => upsertCue(cue);
  /** An urgent cue the host left unacknowledged escalates once: the seats that send cues hear it like an alert. */
  readonly onCueUpdated = ({ cue }: { cue: Cue }): void => {
    const escalates = cue.escalatedAt !== null && isOpenCue(cue) && !useCuesStore.getState().byId[cue.id]?.escalatedAt;
    upsertCue(cue);
    const seat = useRoomStore.getState().seat;
    if (escalates && seat !== null && CUE_SENDERS.has(seat) && !useUiStore.getState().muted) chime('critical');
  };
  readonly onRules = (msg: RulesMessage): void => changeRules(msg);
  /** The seat link was revoked or replaced, or the room deleted: the server closes the socket next. */
  readonly onSeatClosed = (msg: SeatClosedMessage): void => this.fail(msg.code, msg.message);

  /** Called every WATCHDOG_MS: a live or stale screen that heard nothing for too long asks again. */
  readonly watch = (): void => {
    const { status, lastTickAt, tickIntervalMs } = conn.getState();
    if (status !== 'live' && status !== 'stale') return;
    if (lastTickAt !== null && this.now() - lastTickAt > STALE_AFTER_TICKS * tickIntervalMs) this.resync();
  };

  private resync(): void {
    if (!this.socket.connected) return;
    conn.setState({ status: 'stale' });
    // One request at a time; a lost one (no ack after a drop) does not block the next forever.
    if (this.resyncAskedAt !== null && this.now() - this.resyncAskedAt < RESYNC_RETRY_MS) return;
    this.resyncAskedAt = this.now();
    this.socket.emit('room:resync', {}, (res) => {
      this.resyncAskedAt = null;
      if (res.ok) this.onSnapshot(res.data);
    });
  }

  private fail(errorCode: string, errorMessage: string): void {
    conn.setState({ status: 'error', errorCode, errorMessage });
  }
}

function wire(socket: BridgeSocket, b: Bridge, op: 'on' | 'off'): void {
  socket[op]('room:snapshot', b.onSnapshot);
  socket[op]('room:patch', b.onPatch);
  socket[op]('room:rebuilding', b.onRebuilding);
  socket[op]('alert:raised', b.onAlertRaised);
  socket[op]('alert:updated', b.onAlertUpdated);
  socket[op]('alert:resolved', b.onAlertResolved);
  socket[op]('cue:new', b.onCue);
  socket[op]('cue:updated', b.onCueUpdated);
  socket[op]('alert:rules', b.onRules);
  socket[op]('seat:closed', b.onSeatClosed);
  socket[op]('room:outlook', applyOutlook);
  socket[op]('connect_error', b.onConnectError);
  socket[op]('disconnect', b.onDisconnect);
}

/** Starts writing the socket's facts into the stores; the returned function detaches and disconnects. */
export function startBridge(socket: BridgeSocket, now: () => number = () => Date.now()): () => void {
  const bridge = new Bridge(socket, now);
  wire(socket, bridge, 'on');
  const watchdog = setInterval(bridge.watch, WATCHDOG_MS);
  return () => {
    clearInterval(watchdog);
    wire(socket, bridge, 'off');
    socket.disconnect();
  };
}
