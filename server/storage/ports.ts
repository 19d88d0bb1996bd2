// The storage ports: everything the rest of the server asks of durable storage, and nothing about how a
// backend does it. Every method is async, decided once here: PostgreSQL answers over a socket, and a promise
// that resolves means the write is committed (acknowledged = committed). SQLite resolves at once after its
// synchronous commit. Queued writes (states, ticks) ride the next group commit and return nothing.
import type { LiveEvent, Product } from '../../shared/events.ts';

export const ROLES = ['ingest', 'controller', 'assistant', 'host', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export type RoomTokens = Record<Role, string>;

export interface RoomRecord {
  id: string;
  name: string;
  createdAt: number;
  products: Product[];
  source: unknown;
  demo: boolean;
  /** When it was archived (wall time, ms), or null. */
  archivedAt: number | null;
}

/** Rooms, their catalogues, rules and source, and the per-seat tokens. */
export interface RoomStore {
  create(name: string, createdAt: number, demo?: boolean): Promise<{ room: RoomRecord; tokens: RoomTokens }>;
  get(id: string): Promise<RoomRecord | null>;
  list(): Promise<RoomRecord[]>;
  findDemo(): Promise<RoomRecord | null>;
  tokens(roomId: string): Promise<RoomTokens>;
  /** The room and seat a token opens, or null. */
  resolveToken(token: string): Promise<{ roomId: string; role: Role } | null>;
  setProducts(id: string, products: Product[]): Promise<void>;
  /** The room's alert rules, or null when it uses the defaults. */
  alertRules(id: string): Promise<unknown[] | null>;
  setAlertRules(id: string, rules: unknown[]): Promise<void>;
  setSource(id: string, source: unknown): Promise<void>;
}

/**
 * Group commit: appends and queued states from the same turn of the event loop are written in one
 * transaction. An append resolves only once committed, with, per event, its store seq when it was new, or
 * null when its id was already stored for the room (a duplicate, reported, not stored again). Seqs grow in
 * commit order; commits are serialised, so appends resolve in seq order.
 */
/**
 * How long replay frames (per-second states, screen updates) may wait for a commit to share: they ride along
 * with the next append's commit, or go in at most this much later, so a room sending 20 updates a second does
 * not pay 20 transactions a second. A crash loses at most this much replay, never an acknowledged event.
 */
export const REPLAY_COMMIT_MS = 250;

export interface TimelineWriter {
  append(roomId: string, events: LiveEvent[]): Promise<(number | null)[]>;
  /** The room state at a second, committed with the next commit or within REPLAY_COMMIT_MS (replay reads these). */
  putState(roomId: string, frame: StateFrame): void;
  /** An update exactly as the screens received it (a whole state, or the patch from the one before). */
  putTick(roomId: string, frame: TickFrame): void;
  /** Commit everything queued now; resolves when it (and any commit in flight) is durable. */
  flush(): Promise<void>;
}

/**
 * One update as the screens got it, keyed by its event time in ms and its seq. A keyframe (`base` null) holds
 * the whole state; any other frame holds the patch (shared/patch.ts operations, JSON) that turns the state
 * of seq `base` into this one. Replay rebuilds a moment from the keyframe before it and the patches up to it.
 */
export interface TickFrame {
  ts: number;
  seq: number;
  base: number | null;
  body: string;
}

/** A per-second state: whole (`base` null), or the patch from the state of second `base`. */
export interface StateFrame {
  sec: number;
  seq: number;
  base: number | null;
  body: string;
}

export interface StoredState {
  sec: number;
  seq: number;
  body: string;
}

/** A state as a screen showed it at event time `ts` (ms), as its JSON text. */
export interface ScreenState {
  ts: number;
  body: string;
}

export interface TimelineReader {
  /** The room's events after `afterSeq`, in commit order, in pages (a rebuild applies page by page). */
  events(roomId: string, afterSeq?: number): AsyncIterable<LiveEvent[]>;
  /** Up to `limit` events after `afterSeq`, with their seqs: a rebuild reads in pages and yields between them. */
  eventsPage(roomId: string, afterSeq: number, limit: number): Promise<{ seqs: number[]; events: LiveEvent[] }>;
  countEvents(roomId: string): Promise<number>;
  /** Events after `afterSeq`: what a rebuild from a checkpoint still has to apply. */
  countEventsAfter(roomId: string, afterSeq: number): Promise<number>;
  /** The commit position of the room's latest event (0: none); it grows with every new event. */
  lastSeq(roomId: string): Promise<number>;
  /** The latest stored per-second state at or before second `sec`. */
  stateAt(roomId: string, sec: number): Promise<StoredState | null>;
  /** What a screen of the room showed at event time `ts`: the latest tick, or a later per-second state. */
  screenAt(roomId: string, ts: number): Promise<ScreenState | null>;
  /** The earliest per-second state at or after `ts`: a session's first moment precedes its first state. */
  firstStateFrom(roomId: string, ts: number): Promise<ScreenState | null>;
  lastState(roomId: string): Promise<{ sec: number; seq: number } | null>;
}

/** targets: the session targets the team set (server/outlook/targets.ts). */
export type JournalKind = 'alert' | 'rules' | 'cue' | 'targets';

export interface JournalEntry {
  ts: number;
  kind: JournalKind;
  body: unknown;
}

/** What people and rules did, on the room's timeline. Entries list in the order they were appended. */
export interface JournalStore {
  /**
   * `fence` (clustered: the writer's lease token for the room): the entry is dropped, not stored, when the
   * room's fence is higher, i.e. another instance has taken the room since (store-side fencing, Kleppmann).
   * Without one, the entry is always stored.
   */
  append(roomId: string, ts: number, kind: JournalKind, body: unknown, fence?: number): Promise<void>;
  /** Raises the room's fence to `token` (never lowers it): from now on, entries with a lower one are dropped. */
  raiseFence(roomId: string, token: number): Promise<void>;
  list(roomId: string, kind?: JournalKind, limit?: number): Promise<JournalEntry[]>;
}

/** A session boundary: an event (by event-time order) that opens a run, with the end of the run before it. */
export interface SessionMark {
  ts: number;
  /** The previous event's ts (null for the room's first event). */
  prev: number | null;
  /** 1-based position of the event in (ts, seq) order. */
  n: number;
}

export interface ReplayQueries {
  /**
   * Events that open a session: the first, each after a gap longer than `gapMs`, each session_start and each
   * event after a session_end; plus the room's last event time and event count.
   */
  sessionMarks(roomId: string, gapMs: number): Promise<{ marks: SessionMark[]; lastTs: number | null; count: number }>;
  /** explain_start / explain_end events in [start, end], in ts order. */
  explainMarks(roomId: string, start: number, end: number): Promise<{ ts: number; type: string; productId: string }[]>;
  /** marked_action events in [start, end], in ts order: the action, its product and 话术 (the effect ledger). */
  actionMarks(
    roomId: string,
    start: number,
    end: number,
  ): Promise<{ ts: number; action: string; productId: string | null; note: string | null }[]>;
  /** Per type, how many exposure/click/order events of the product lie in [start, end], and the order amount;
   * rows 'counters:<type>' (only where the product has counters there) sum its counters events' figures. */
  productCounts(
    roomId: string,
    start: number,
    end: number,
    productId: string,
  ): Promise<{ type: string; n: number; amount: number }[]>;
  /**
   * Entries, departures, online counters and explain marks in [start, end], in (ts, seq) order, in pages of at
   * most AUDIENCE_PAGE events: what the 复盘's retention cohorts are counted from (server/outlook/cohorts.ts).
   */
  audienceEvents(roomId: string, start: number, end: number): AsyncIterable<LiveEvent[]>;
}

/** The event types audienceEvents reads, and its page size. */
export const AUDIENCE_TYPES = ['viewer_enter', 'viewer_leave', 'online_count', 'explain_start', 'explain_end'] as const;
export const AUDIENCE_PAGE = 5000;

export interface StoredUsage {
  events: number;
  /** Alert transitions, rule changes and cue steps journaled. */
  journal: number;
  /** Per-second and per-tick states kept for replay. */
  states: number;
  firstTs: number | null;
  lastTs: number | null;
}

/** What the admin screen changes about a room besides its catalogue, and deleting it whole. */
export interface RoomAdminStore {
  rename(id: string, name: string): Promise<void>;
  setArchived(id: string, at: number | null): Promise<void>;
  /** The seat's token is replaced (rotate) or removed (revoke, token null): the old one opens nothing. */
  replaceToken(roomId: string, role: Role, token: string | null): Promise<void>;
  /** What is committed under the room (flush the writer first to count what waits in the group commit). */
  usage(roomId: string): Promise<StoredUsage>;
  /** Everything stored under the room, in one transaction. */
  deleteRoom(roomId: string): Promise<void>;
  /** Retention: the room's events, states, ticks and journal stamped at or before `endTs` (ms), in one
   * transaction; resolves with the number of events removed. */
  pruneThrough(roomId: string, endTs: number): Promise<number>;
}

export interface StoredCheckpoint {
  seq: number;
  version: number;
  body: Buffer;
}

/** Each room's latest engine checkpoint, one per room (a newer one replaces it); the body is opaque here. */
export interface CheckpointStore {
  put(roomId: string, seq: number, version: number, body: Buffer): Promise<void>;
  latest(roomId: string): Promise<StoredCheckpoint | null>;
}

/** An event taken off a room's timeline, as it was stored, with why and when (wall ms) it was taken off. */
export interface QuarantinedEvent {
  seq: number;
  ts: number;
  body: string;
  reason: string;
  at: number;
}

/**
 * Events no room clock may take (stamped far in the future, or outside sane time), found on the timeline at a
 * rebuild: kept apart, never replayed, listed for whoever looks into the room.
 */
export interface QuarantineStore {
  /** Moves the room's events with these seqs off its timeline, in one transaction; resolves with how many. */
  move(roomId: string, seqs: number[], reason: string, at: number): Promise<number>;
  /** The room's quarantined events, the earliest stored first. */
  list(roomId: string, limit?: number): Promise<QuarantinedEvent[]>;
}

/** One backend: the ports over one database. */
export interface Storage {
  readonly backend: 'sqlite' | 'postgres';
  readonly rooms: RoomStore;
  readonly writer: TimelineWriter;
  readonly reader: TimelineReader;
  readonly journal: JournalStore;
  readonly replay: ReplayQueries;
  readonly admin: RoomAdminStore;
  readonly checkpoints: CheckpointStore;
  readonly quarantine: QuarantineStore;
  /** Flush what is queued and release the database. */
  close(): Promise<void>;
}
