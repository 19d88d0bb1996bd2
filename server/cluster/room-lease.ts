// One owner per room, held by a Redis lease with a fencing token (Kleppmann, "How to do distributed locking"):
// acquiring a room (one script) INCRs its fence and SETs `owner` PX ttl to "instance:token"; renewing and
// releasing are compare-and-set scripts, so only the holder of that exact value can extend or drop it. A lease is trusted
// locally only until `ttl − margin` after the renewal was *sent* (measured on the monotonic clock), so an
// instance paused past its lease (SIGSTOP, GC, a partition) stops acting on its own before anyone else may
// hold the room; and every act that must happen once (judging alerts, journaling, checkpoints) carries the
// token, which `fenced()` checks against Redis atomically, so a stale owner's late act is refused anyway.
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
  /** Local deadline (monotonic ms) after which this instance must not act for the room. */
  validUntil: number;
}

/** Atomically: if nobody owns the room, bump its fence and own it with that token (0: someone does). */
const ACQUIRE = `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. token, 'PX', ARGV[2])
return token`;
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

  /** Takes the room if nobody holds it; the token is larger than every earlier owner's. */
  async acquire(roomId: string): Promise<Held | null> {
    const sent = this.now();
    const keys = [this.key(roomId, 'owner'), this.key(roomId, 'fence')];
    const token = Number(await this.redis.eval(ACQUIRE, 2, ...keys, this.opts.instanceId, this.ttl));
    if (!token) return null;
    const held = { token, validUntil: sent + this.ttl - this.margin };
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
    if (this.now() >= held.validUntil) return null;
    return held.token;
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
