// One owner per room, held by a Redis lease with a fencing token (Kleppmann, "How to do distributed locking"):
// acquiring a room (one script) draws a new token (see ACQUIRE) and SETs `owner` PX ttl to "instance:token";
// renewing and releasing are compare-and-set scripts, so only the holder of that exact value can extend or
// drop it. A lease is trusted locally only until `ttl − margin` after the renewal was *sent* (measured on the
// monotonic clock), so an instance paused past its lease (SIGSTOP, GC, a partition) stops acting on its own
// before anyone else may hold the room: the registry asks `token()` before every tick, judgement and journal
// entry (three-processes.test.ts checks no two tenures overlap). An act decided in time that lands late (a
// pause between deciding and writing) is refused by the store: journal entries carry the token and the store
// drops those below the room's fence, which each new owner raises before it acts (JournalStore, room_fences).
// `fenced()` is the same check against Redis, for acts whose effect lives there.
import type { Redis } from 'ioredis';

export interface LeaseOptions {
  /** Redis key prefix shared by the cluster (tests use a unique one). */
  prefix: string;
  instanceId: string;
  ttlMs: number;
  /** Safety margin for clock drift and the renewal's round trip. */
  marginMs?: number;
  /** Monotonic milliseconds (performance.now by default; tests pass a fake). */
  now?: () => number;
}

export interface Held {
  token: number;
  /** Local time (monotonic ms) from which this instance may act: later than now after Redis lost its data. */
  validFrom: number;
  /** Local deadline (monotonic ms) after which this instance must not act for the room. */
  validUntil: number;
}

/**
 * Atomically: if nobody owns the room, own it with a new token (0: someone does). Tokens are Redis' clock in
 * ms, or one more than the last if that is larger, so they keep growing when Redis restarts empty (no
 * persistence, or a failover to a replica that missed the fence): a counter would start again from 1, and a
 * stale owner's token would pass for the new one's. The epoch key (Redis' time when it was first written) is
 * missing exactly when Redis lost its data (or at the cluster's first start): an owner of before may then
 * still trust its lease locally for up to one TTL, so every room taken within one TTL of the epoch waits
 * until the epoch's TTL is over before it acts (the second value: ms to wait), as Redlock asks of a restarted
 * node.
 */
const ACQUIRE = `if redis.call('EXISTS', KEYS[1]) == 1 then return {0, 0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local token = math.max(tonumber(redis.call('GET', KEYS[2]) or '0') + 1, now)
redis.call('SET', KEYS[2], string.format('%.0f', token))
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. string.format('%.0f', token), 'PX', ARGV[2])
redis.call('SET', KEYS[3], string.format('%.0f', now), 'NX')
local epoch = tonumber(redis.call('GET', KEYS[3]))
return {token, math.max(0, epoch + tonumber(ARGV[2]) - now)}`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
/** Runs the act's write only while the token is the room's current fence: returns 1 if it ran. */
const FENCED_SET = `if tonumber(redis.call('GET', KEYS[1]) or '0') == tonumber(ARGV[1]) then redis.call('SET', KEYS[2], ARGV[2]) return 1 else return 0 end`;

export class RoomLeases {
  private readonly held = new Map<string, Held>();
  private readonly ttl: number;
  private readonly margin: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly opts: LeaseOptions,
  ) {
    this.ttl = opts.ttlMs;
    this.margin = opts.marginMs ?? Math.max(100, Math.round(opts.ttlMs / 5));
    this.now = opts.now ?? (() => performance.now());
  }

  private key(roomId: string, what: 'owner' | 'fence'): string {
    return `${this.opts.prefix}room:${roomId}:${what}`;
  }

  private epochKey(): string {
    return `${this.opts.prefix}epoch`;
  }

  /** Takes the room if nobody holds it; the token is larger than every earlier owner's. */
  async acquire(roomId: string): Promise<Held | null> {
    const sent = this.now();
    const keys = [this.key(roomId, 'owner'), this.key(roomId, 'fence'), this.epochKey()];
    const [token, waitMs] = (await this.redis.eval(ACQUIRE, 3, ...keys, this.opts.instanceId, this.ttl)) as number[];
    if (!token) return null;
    const validFrom = sent + waitMs!;
    const held = { token, validFrom, validUntil: sent + this.ttl - this.margin };
    this.held.set(roomId, held);
    return held;
  }

  /** Extends the lease; false (and forgotten locally) when it was lost to another instance or expired. */
  async renew(roomId: string): Promise<boolean> {
    const held = this.held.get(roomId);
    if (!held) return false;
    const sent = this.now();
    const value = `${this.opts.instanceId}:${held.token}`;
    const ok = (await this.redis.eval(RENEW, 1, this.key(roomId, 'owner'), value, this.ttl)) === 1;
    if (ok && this.held.get(roomId) === held) held.validUntil = sent + this.ttl - this.margin;
    else this.held.delete(roomId);
    return ok;
  }

  /** Hands the room over at once (draining): the next instance may take it without waiting for expiry. */
  async release(roomId: string): Promise<void> {
    const held = this.held.get(roomId);
    this.held.delete(roomId);
    if (held) await this.redis.eval(RELEASE, 1, this.key(roomId, 'owner'), `${this.opts.instanceId}:${held.token}`);
  }

  /** The token while this instance may act for the room, else null (never held, lost, or past its deadline). */
  token(roomId: string): number | null {
    const held = this.held.get(roomId);
    if (!held) return null;
    const now = this.now();
    if (now < held.validFrom || now >= held.validUntil) return null;
    return held.token;
  }

  /** The token of the lease held (valid now or not), null when none is. */
  heldToken(roomId: string): number | null {
    return this.held.get(roomId)?.token ?? null;
  }

  /** How long until this instance may act for a room it holds (0: now; see ACQUIRE). */
  startsIn(roomId: string): number {
    const held = this.held.get(roomId);
    return held ? Math.max(0, held.validFrom - this.now()) : 0;
  }

  rooms(): string[] {
    return [...this.held.keys()];
  }

  /** Who holds the room now ("instance:token"), as Redis says. */
  owner(roomId: string): Promise<string | null> {
    return this.redis.get(this.key(roomId, 'owner'));
  }

  /** Writes `key = value` only if `token` is still the room's fence: the store-side check of a fenced act. */
  async fenced(roomId: string, token: number, key: string, value: string): Promise<boolean> {
    const r = await this.redis.eval(
      FENCED_SET,
      2,
      this.key(roomId, 'fence'),
      `${this.opts.prefix}${key}`,
      token,
      value,
    );
    return r === 1;
  }
}
