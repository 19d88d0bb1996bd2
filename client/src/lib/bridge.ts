// The bridge is the only code that listens to the socket and the only writer into the stores. It applies each
// patch to the state of the previous seq: a gap, a patch that does not fit, or a silence longer than
// STALE_AFTER_TICKS clock ticks marks the screen stale and asks for a resync. A lost link, a restart or a drain
// of the server is retried here with backoff and jitter (socket.io itself never reconnects after the server
// closed the socket), then the server's fresh snapshot replaces what the screen held; only a refusal retrying
// cannot fix (bad seat link, revoked seat) stops it.
import type { Alert } from '../../../shared/alerts.ts';
import type { Cue } from '../../../shared/cues.ts';
import { applyPatch, PATCH_FORMAT } from '../../../shared/patch.ts';
import {
  COMMAND_SEATS,
  type DrainingMessage,
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
/** Refusals that pass with time: retried even though the server closed the socket. */
const RETRY_CODES = new Set(['too_many_auth_failures']);
/** The first retry waits about this long, each next one twice as long up to RECONNECT_MAX_MS. */
export const RECONNECT_BASE_MS = 500;
/** The longest wait between two tries (before jitter takes up to half of it off): the bound a screen is back
 * within once the server is. */
export const RECONNECT_MAX_MS = 8_000;

/** The wait before try number `attempt` (0 first): exponential, capped, with jitter so that a thousand screens
 * of a restarted instance do not all knock at once. `random` in [0, 1). */
export function reconnectDelay(attempt: number, random: number): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling * (0.5 + 0.5 * random));
}
const CUE_SENDERS = new Set<Seat>(COMMAND_SEATS['cue:push']);

/** The subset of a socket the bridge uses, so tests can hand it a fake. */
export type BridgeSocket = Pick<LiveSocket, 'on' | 'off' | 'emit' | 'disconnect' | 'connect'> & {
  connected: boolean;
  /** false once the server refused the handshake or closed the socket: socket.io will not reconnect by itself. */
  active: boolean;
};

type HandshakeError = Error & { data?: { code?: string; message?: string } };

const conn = useConnectionStore;

class Bridge {
  private resyncAskedAt: number | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly socket: BridgeSocket,
    private readonly now: () => number,
    private readonly random: () => number,
  ) {}

  /** Tries again after the backoff (or `afterMs`, when the server said how long), unless a try is due already. */
  private scheduleRetry(afterMs?: number): void {
    if (this.stopped || this.retryTimer !== null) return;
    const wait = afterMs ?? reconnectDelay(this.attempt, this.random());
    this.attempt++;
    conn.setState({ retryAt: this.now() + wait });
    this.retryTimer = setTimeout(this.retryNow, wait);
  }

  /** Now, not at the end of the countdown (the 立即重试 button). */
  readonly retryNow = (): void => {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.stopped || this.socket.connected || conn.getState().status === 'error') return;
    conn.setState({ retryAt: null });
    this.socket.connect();
  };

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

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
      retryAt: null,
      draining: false,
    });
    this.attempt = 0;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
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
    const fatal = FATAL_CODES.has(code) || (!this.socket.active && !RETRY_CODES.has(code) && !this.draining());
    conn.setState({
      status: fatal ? 'error' : 'reconnecting',
      errorCode: code,
      errorMessage: err.data?.message ?? code,
    });
    if (fatal) this.socket.disconnect();
    else this.scheduleRetry();
  };

  readonly onDisconnect = (reason: string): void => {
    this.resyncAskedAt = null;
    // A revoked seat (seat:closed came first) or the screen closing itself: nothing to come back to.
    if (conn.getState().status === 'error' || reason === 'io client disconnect') return;
    conn.setState({ status: 'reconnecting', lastSeq: null });
    // A drained server said when to come back; any other close (restart, crash, lost link) backs off.
    this.scheduleRetry(this.draining() ? this.drainWait : undefined);
  };

  private drainWait = 0;
  private draining = () => conn.getState().draining;
  /** The server goes away next (restart, hand-over): come back after what it asked, spread by jitter. */
  readonly onDraining = (msg: DrainingMessage): void => {
    this.attempt = 0;
    this.drainWait = Math.round(msg.retryInMs * (0.5 + this.random()));
    conn.setState({ draining: true });
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
  socket[op]('server:draining', b.onDraining);
  socket[op]('connect_error', b.onConnectError);
  socket[op]('disconnect', b.onDisconnect);
}

let current: Bridge | null = null;

/** The room's name, from its REST answer (until then the header shows the room's id). */
export function showRoomName(name: string): void {
  useRoomStore.setState({ roomName: name });
}

/** The screen's 立即重试: try to connect now instead of at the end of the countdown. */
export function retryNow(): void {
  current?.retryNow();
}

/** Starts writing the socket's facts into the stores; the returned function detaches and disconnects. */
export function startBridge(
  socket: BridgeSocket,
  now: () => number = () => Date.now(),
  random: () => number = Math.random,
): () => void {
  const bridge = new Bridge(socket, now, random);
  current = bridge;
  wire(socket, bridge, 'on');
  const watchdog = setInterval(bridge.watch, WATCHDOG_MS);
  return () => {
    bridge.stop();
    if (current === bridge) current = null;
    clearInterval(watchdog);
    wire(socket, bridge, 'off');
    socket.disconnect();
  };
}
