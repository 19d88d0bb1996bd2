// A live feed's connection, whatever the platform: connect, reconnect with exponential backoff, and the
// states the screen shows (连接中, 直播中, N 秒后重连, 未开播, 认证失败). Each connector supplies `open`; the
// link owns the timers, the counters and the health, so every connector behaves the same when links fail.
import { Type } from '@sinclair/typebox';
import { SOURCE_STALE_MS } from '../../../shared/constants.ts';
import type { SourceHealth } from '../../../shared/state.ts';
import type { Clock } from '../../clock.ts';

export type LinkPhase = NonNullable<SourceHealth['phase']>;

/** Optional tuning of the reconnect delays (tests shorten them; the defaults suit a platform's servers). */
export const RetrySchema = Type.Optional(
  Type.Object(
    {
      minMs: Type.Integer({ minimum: 10, maximum: 60_000 }),
      maxMs: Type.Integer({ minimum: 10, maximum: 600_000 }),
    },
    { additionalProperties: false },
  ),
);

export const DEFAULT_MIN_RETRY_MS = 1000;
export const DEFAULT_MAX_RETRY_MS = 60_000;
/** A connection that stayed up this long was healthy: the next failure starts the backoff from the bottom. */
const STABLE_MS = 10_000;
/** Live but silent this long (no message, no heartbeat reply): shown as stale. */
const SILENT_STALE_MS = 75_000;

/** What a connector's open connection is told to report. */
export interface LinkEvents {
  /** Transport up and the platform accepted us (auth reply, relay handshake). */
  live(): void;
  /** Anything arrived from the platform (a message or a heartbeat reply). */
  alive(): void;
  /** Off air; `reason` when the platform says why (a cut stream), shown on the source's state. */
  offline(reason?: string): void;
  authFailed(message: string): void;
  /** The connection ended (error or close); the link schedules the next attempt. */
  closed(reason: string): void;
}

export interface LinkConnection {
  close(): void;
}

export interface LinkOptions {
  kind: string;
  clock: Clock;
  open(events: LinkEvents): LinkConnection;
  retry?: { minMs: number; maxMs: number } | undefined;
  sampled?: boolean;
}

export class Link {
  phase: LinkPhase = 'stopped';
  messages = 0;
  unknown = 0;
  garbage = 0;
  /** The platform hides who the viewers are on this feed (set by the connector's mapping). */
  masked = false;
  lastEventAt: number | null = null;
  private lastAliveAt: number | null = null;
  private liveSince: number | null = null;
  /** Since when the feed has not been live (start, or the last drop): flapping between 连接中 and 重连 must not
   * read as healthy, so a feed down longer than SOURCE_STALE_MS is stale whatever its current attempt. */
  private downSince: number | null = null;
  private failures = 0;
  private retryAt: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private conn: LinkConnection | null = null;
  private error: string | null = null;
  private generation = 0;

  constructor(private readonly opts: LinkOptions) {}

  start(): void {
    if (this.phase !== 'stopped') return;
    this.downSince = this.opts.clock.now();
    this.connect();
  }

  stop(): void {
    this.generation++;
    this.phase = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.retryAt = null;
    const conn = this.conn;
    this.conn = null;
    conn?.close();
  }

  private connect(): void {
    const gen = ++this.generation;
    this.phase = 'connecting';
    this.retryAt = null;
    // Events from a connection the link has already given up on (or stopped) are ignored.
    const current = () => gen === this.generation;
    const events: LinkEvents = {
      live: () => {
        if (!current()) return;
        this.phase = 'live';
        this.downSince = null;
        this.liveSince = this.opts.clock.now();
        this.lastAliveAt = this.liveSince;
        this.error = null;
      },
      alive: () => {
        if (current()) this.lastAliveAt = this.opts.clock.now();
      },
      offline: (reason) => {
        if (!current()) return;
        this.phase = 'offline';
        if (reason) this.error = `平台切断了直播：${reason}`;
      },
      authFailed: (message) => {
        if (!current()) return;
        this.phase = 'auth_failed';
        this.error = message;
        this.failures = Math.max(this.failures, 30); // retried, but at the longest delay
      },
      closed: (reason) => {
        if (current()) this.scheduleRetry(reason);
      },
    };
    try {
      this.conn = this.opts.open(events);
    } catch (err) {
      this.scheduleRetry((err as Error).message);
    }
  }

  private scheduleRetry(reason: string): void {
    const now = this.opts.clock.now();
    const wasStable = this.liveSince !== null && now - this.liveSince >= STABLE_MS;
    this.failures = wasStable ? 1 : this.failures + 1;
    this.liveSince = null;
    this.downSince ??= now;
    // A refused auth and a room that is not on air stay what they are while the next attempt waits.
    const keep = this.phase === 'auth_failed' || this.phase === 'offline';
    if (!keep) {
      this.phase = 'reconnecting';
      this.error = reason;
    }
    this.generation++; // a late event of the closed connection must not revive it
    const conn = this.conn;
    this.conn = null;
    conn?.close();
    const min = this.opts.retry?.minMs ?? DEFAULT_MIN_RETRY_MS;
    const max = this.opts.retry?.maxMs ?? DEFAULT_MAX_RETRY_MS;
    const delay = Math.min(max, min * 2 ** Math.min(this.failures - 1, 20));
    this.retryAt = now + delay;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }

  health(): SourceHealth {
    const now = this.opts.clock.now();
    const lagMs = this.lastAliveAt === null ? null : Math.max(0, now - this.lastAliveAt);
    const base = {
      kind: this.opts.kind,
      lastEventAt: this.lastEventAt,
      lastSuccessAt: this.lastAliveAt,
      lagMs,
      error: this.error,
      phase: this.phase,
      retryAt: this.retryAt,
      messages: this.messages,
      unknown: this.unknown,
      garbage: this.garbage,
      sampled: this.opts.sampled ?? false,
      ...(this.masked ? { masked: true } : {}),
    };
    const downMs = this.downSince === null ? 0 : now - this.downSince;
    return { ...base, status: statusOf(this.phase, lagMs, downMs) };
  }
}

function statusOf(phase: LinkPhase, lagMs: number | null, downMs: number): SourceHealth['status'] {
  if (phase === 'reconnecting' || phase === 'auth_failed') return 'error';
  if (phase === 'connecting' && downMs > SOURCE_STALE_MS) return 'stale';
  if (phase === 'live') return lagMs !== null && lagMs > SILENT_STALE_MS ? 'stale' : 'ok';
  // Connecting, waiting, stopped, or a room that is not on air: nothing is wrong with the data.
  return 'idle';
}
