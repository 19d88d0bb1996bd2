// Which rooms this instance runs. Every ROUND (a fraction of the lease TTL) it renews its leases, announces
// itself in a sorted set of live instances (scored by Redis' own clock, so instance clocks never matter), and
// evens out: it takes unowned rooms up to its fair share (ceil(rooms / live instances)) and hands over what
// it holds beyond that share, so a new instance gets rooms and a dead one's rooms are taken within
// ttl + one round. SIGTERM: drain() releases every lease at once, so the next round elsewhere takes them.
import type { Redis } from 'ioredis';
import type { RoomLeases } from './room-lease.ts';

export interface OwnershipEvents {
  /** This instance now runs the room (rebuild it from the store); `token` fences its acts. */
  acquired(roomId: string, token: number): void;
  /** It no longer does (lost, expired or handed over): stop ticking and judging it at once. */
  lost(roomId: string): void;
  /** A round ended (its leases renewed). */
  round?(): void;
}

export interface OwnershipOptions {
  prefix: string;
  instanceId: string;
  /** The lease TTL; instances that missed a round for this long are no longer counted. */
  ttlMs: number;
  /** Every room that should run somewhere. */
  rooms: () => Promise<string[]>;
}

const ANNOUNCE = `local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])`;

export class Ownership {
  private running = false;
  private round: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly leases: RoomLeases,
    private readonly opts: OwnershipOptions,
    private readonly events: OwnershipEvents,
  ) {}

  /** One round: renew, announce, even out. Errors (Redis away) leave every lease to its own deadline. */
  async step(): Promise<void> {
    for (const roomId of this.leases.rooms()) if (!(await this.leases.renew(roomId))) this.events.lost(roomId);
    const live = Number(await this.redis.eval(ANNOUNCE, 1, this.key(), this.opts.instanceId, this.opts.ttlMs));
    const rooms = await this.opts.rooms();
    const share = Math.ceil(rooms.length / Math.max(1, live));
    // A room deleted (or archived) since it was taken is let go.
    for (const roomId of this.leases.rooms().filter((r) => !rooms.includes(r))) {
      await this.leases.release(roomId);
      this.events.lost(roomId);
    }
    const mine = this.leases.rooms();
    for (const roomId of mine.slice(share)) {
      await this.leases.release(roomId);
      this.events.lost(roomId);
    }
    // Each instance tries rooms in its own order, so they rarely race for the same one.
    const order = [...rooms].sort((x, y) => spread(x, this.opts.instanceId) - spread(y, this.opts.instanceId));
    for (const roomId of order) {
      if (this.leases.rooms().length >= share) break;
      if (this.leases.rooms().includes(roomId)) continue;
      const held = await this.leases.acquire(roomId);
      if (held) this.events.acquired(roomId, held.token);
    }
    this.events.round?.();
  }

  /** Rounds every `ttl / 3` until stopped; a failed round (Redis away) is simply the next round's to redo. */
  start(): void {
    this.running = true;
    const loop = async () => {
      while (this.running) {
        this.round = this.step().catch(() => {});
        await this.round;
        await new Promise((r) => setTimeout(r, Math.round(this.opts.ttlMs / 3)));
      }
    };
    void loop();
  }

  /** Stops the rounds without handing anything over: what a crash leaves (tests and benches kill this way). */
  halt(): void {
    this.running = false;
  }

  /** Resolves when the round in flight (if any) is over. */
  async settled(): Promise<void> {
    await this.round;
  }

  /** Stops taking rooms and hands every one over (SIGTERM). */
  async drain(): Promise<void> {
    this.running = false;
    await this.round;
    for (const roomId of this.leases.rooms()) {
      this.events.lost(roomId);
      await this.leases.release(roomId).catch(() => {});
    }
    await this.redis.zrem(this.key(), this.opts.instanceId).catch(() => 0);
  }

  private key(): string {
    return `${this.opts.prefix}instances`;
  }
}

/** A stable per-instance permutation of rooms (FNV-1a of instance + room). */
function spread(roomId: string, instanceId: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${instanceId}/${roomId}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}
