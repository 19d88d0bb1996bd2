// The one catalogue of socket events on namespace /live. Names are `domain:action`: commands are
// imperatives sent by clients and always answered with an Ack; facts are sent by the server.
// Bump PROTOCOL_VERSION on any incompatible change; the client refuses a server with another version.
import type { Alert, AlertRule } from './alerts.ts';
import type { Cue, CuePush } from './cues.ts';
import type { EventOf, MarkedAction } from './events.ts';
import type { OutlookMessage } from './outlook/outlook.ts';
import type { TargetsInput } from './outlook/targets-schema.ts';
import type { PatchOp } from './patch.ts';
import { pickActions } from './permissions.ts';
import type { QuestionEntry } from './questions.ts';
import type { RoomSnapshot, RoomState } from './state.ts';

/** 3: `room:tick` (whole state) became `room:patch` (what changed, shared/patch.ts), sent when the state changes. */
export const PROTOCOL_VERSION = 3;
export const LIVE_NAMESPACE = '/live';

export type Seat = 'controller' | 'assistant' | 'host' | 'viewer';
export const SEATS: readonly Seat[] = ['controller', 'assistant', 'host', 'viewer'];

export interface ErrorBody {
  code: string;
  message: string;
}
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Handshake `auth` payload. */
export interface LiveAuth {
  token: string;
  roomId: string;
}

export interface SnapshotMessage extends RoomSnapshot {
  protocol: number;
  seat: Seat;
  /** The clock tick: every room's screens get an update at least this often (a heartbeat when idle). */
  tickIntervalMs: number;
  /** The format of the patches that follow (PATCH_FORMAT in shared/patch.ts). */
  patchFormat: number;
  /** Alerts firing now. */
  alerts: Alert[];
  /** Open cues in prompter order (urgent first), then the recent closed ones: a reconnect loses none. */
  cues: Cue[];
  /** The room's alert rules as the evaluator runs them. Optional: added in protocol 2 without a bump. */
  rules?: AlertRule[];
}

/** The rules were replaced (PUT /api/rooms/:id/alert-rules): the whole list, who changed it, at what room time. */
export interface RulesMessage {
  rules: AlertRule[];
  /** The caller's role: admin, controller or assistant. */
  by: string;
  /** Room (event) time of the change, the same as its timeline entry. */
  at: number;
}

export const SNOOZE_MINUTES = [5, 10, 30] as const;

/** Every command a client may send; each is an action of the permission table (shared/permissions.ts). */
const COMMANDS = [
  'room:resync',
  'alert:ack',
  'alert:snooze',
  'cue:push',
  'cue:cancel',
  'cue:ack',
  'cue:seen',
  'room:targets',
  'question:cue',
  'question:answer',
  'question:ignore',
  'action:mark',
] as const satisfies readonly (keyof ClientToServerEvents)[];

/** Which seats may send each command, as the permission table has it; the server enforces it, the client only
 * hides buttons. Every command of ClientToServerEvents is here, and only seats may send one. */
export const COMMAND_SEATS = pickActions(COMMANDS) satisfies Record<keyof ClientToServerEvents, readonly Seat[]>;

/** The seat's token was rotated or revoked, or the room deleted: the server disconnects the screen after this. */
export interface SeatClosedMessage {
  code: 'seat_revoked' | 'seat_rotated' | 'room_deleted';
  message: string;
}

/** This instance is shutting down or handing its rooms over: the screen should connect again (here after a
 * restart, or to another instance behind the load balancer) after about `retryInMs`, never give up. */
export interface DrainingMessage {
  retryInMs: number;
}

/** A room state and its seq, as a room produces it at each update. */
export interface TickMessage {
  seq: number;
  state: RoomState;
}

/** The room is being rebuilt from the store after a restart or a hand-over: no state to show yet. */
export interface RebuildingMessage {
  roomId: string;
  /** Events replayed so far of `total`; a snapshot follows when it is done. */
  done: number;
  total: number;
}

/** The state of `seq` is the state of `seq − 1` with `ops` applied and its `seq` set to this one. */
export interface PatchMessage {
  seq: number;
  ops: PatchOp[];
}

export interface ServerToClientEvents {
  /** Full state and history, sent on join, on resync and periodically to heal missed ticks. */
  'room:snapshot': (msg: SnapshotMessage) => void;
  /** Instead of snapshots and patches while the room rebuilds (at the clock tick), then a snapshot. */
  'room:rebuilding': (msg: RebuildingMessage) => void;
  /**
   * Soon after the room's state changes (at most one per MIN_UPDATE_GAP_MS) and at every clock tick; `seq`
   * grows by one per patch so a gap is detectable.
   */
  'room:patch': (msg: PatchMessage) => void;
  /** This screen's seat link stopped working; the socket is closed right after and must not reconnect. */
  'seat:closed': (msg: SeatClosedMessage) => void;
  /** The instance is going away (restart, drain): the socket is closed right after; reconnect, do not stop. */
  'server:draining': (msg: DrainingMessage) => void;
  /** An alert started firing. To controller, assistant and viewer seats. */
  'alert:raised': (msg: { alert: Alert }) => void;
  /** Acknowledged or snoozed. */
  'alert:updated': (msg: { alert: Alert }) => void;
  'alert:resolved': (msg: { alert: Alert }) => void;
  /** The rules changed. To controller, assistant and viewer seats, like alerts. */
  'alert:rules': (msg: RulesMessage) => void;
  /** A cue was sent. To every seat of the room. */
  'cue:new': (msg: { cue: Cue }) => void;
  /** A cue was delivered, shown, acknowledged, cancelled, expired or escalated. */
  'cue:updated': (msg: { cue: Cue }) => void;
  /** Today against the room's past (shared/outlook/outlook.ts): on join and at most once a minute. */
  'room:outlook': (msg: OutlookMessage) => void;
}

export interface ClientToServerEvents {
  /** Ask for a fresh snapshot after a seq gap or a silence. */
  'room:resync': (payload: Record<string, never>, ack: (res: Ack<SnapshotMessage>) => void) => void;
  'alert:ack': (payload: { alertId: string }, ack: (res: Ack<{ alert: Alert }>) => void) => void;
  'alert:snooze': (
    payload: { alertId: string; minutes: (typeof SNOOZE_MINUTES)[number] },
    ack: (res: Ack<{ alert: Alert }>) => void,
  ) => void;
  'cue:push': (payload: CuePush, ack: (res: Ack<{ cue: Cue }>) => void) => void;
  'cue:cancel': (payload: { cueId: string }, ack: (res: Ack<{ cue: Cue }>) => void) => void;
  /** The host acknowledges the cue on the prompter. */
  'cue:ack': (payload: { cueId: string }, ack: (res: Ack<{ cue: Cue }>) => void) => void;
  /** The host's screen reports a cue reached it (delivered) or is on screen (shown). */
  'cue:seen': (payload: { cueId: string; phase: 'delivered' | 'shown' }, ack: (res: Ack<{ cue: Cue }>) => void) => void;
  /** The session's targets (GMV, orders, peak online), replaced whole; stored on the room's timeline. */
  'room:targets': (payload: TargetsInput, ack: (res: Ack<{ targets: TargetsInput }>) => void) => void;
  /** Send an open question to the prompter as a cue (回答：尺码偏大吗（23人问）); its ack marks it answered. */
  'question:cue': (
    payload: { questionId: string; priority?: 'normal' | 'urgent' },
    ack: (res: Ack<{ question: QuestionEntry; cue: Cue }>) => void,
  ) => void;
  'question:answer': (payload: { questionId: string }, ack: (res: Ack<{ question: QuestionEntry }>) => void) => void;
  'question:ignore': (payload: { questionId: string }, ack: (res: Ack<{ question: QuestionEntry }>) => void) => void;
  /** Record a marked action (a marked_action event, stored like any event) at the room's time now. */
  'action:mark': (
    payload: { action: MarkedAction; productId?: string; note?: string },
    ack: (res: Ack<{ event: EventOf<'marked_action'> }>) => void,
  ) => void;
}

export interface SocketData {
  roomId: string;
  seat: Seat;
}
