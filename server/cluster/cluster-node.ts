// This instance's part in a cluster (REDIS_URL set): socket.io over Redis, room leases and ownership rounds,
// and the forwarding of what reaches an instance that does not run the room. Pushes need no forwarding: any
// instance commits them to the shared store and tells the owner, which applies the store in seq order.
// Snapshots (join, resync) and commands are asked of the owner over HTTP (POST /api/cluster/ask at its
// advertised address); a room with no owner yet (failover) answers `no_owner`, and its screens get the new
// owner's snapshot once it has rebuilt the room.
import type { Namespace } from 'socket.io';
import { HOP } from './forward-http.ts';
import { Ownership } from './ownership.ts';
import { attachRedisAdapter, type ClusterAdapter } from './redis-adapter.ts';
import { RoomLeases } from './room-lease.ts';

/** What the server does for the cluster: run or stop rooms, and answer for the ones it runs. */
export interface ClusterHost {
  /** Resolves false when the room could not be opened (the store away, or the room gone): it is let go. */
  open(roomId: string, token: number): Promise<boolean>;
  close(roomId: string): void;
  /** Every room that should run somewhere. */
  rooms(): Promise<string[]>;
  /** New events are in the store for a room this instance runs. */
  appended(roomId: string): void;
  /** Answer a forwarded request for a room this instance runs (null: it does not). */
  answer(req: ForwardedRequest): unknown | null | Promise<unknown | null>;
}

export type ForwardedRequest =
  | { kind: 'snapshot'; roomId: string; seat: string }
  | { kind: 'command'; roomId: string; seat: string; name: string; payload: unknown };

export interface ClusterOptions {
  redisUrl: string;
  prefix: string;
  instanceId: string;
  leaseTtlMs: number;
}

/** One stretch of this instance running a room: from taking it to handing it over (or losing it). Wall times
 * (ms), so tenures of instances on one machine compare: a room's tenures must never overlap, each one's last
 * act before the next token's start (the split-brain check of the cluster suites reads them at /api/cluster). */
export interface Tenure {
  roomId: string;
  token: number;
  since: number;
  /** The last time this instance was allowed to act for the room (null: not yet). */
  lastActAt: number | null;
  /** When it stopped holding the room (null: holds it still, or has not noticed yet). */
  until: number | null;
}

/** An ask (a screen's snapshot or command) the owner has not answered by then is answered `no_owner`. */
const ASK_TIMEOUT_MS = 2_000;

/** Past tenures kept for /api/cluster. */
const PAST_TENURES = 200;

export const NO_OWNER = {
  ok: false,
  error: { code: 'no_owner', message: 'the room is moving to another server; a snapshot follows' },
} as const;

export class ClusterNode {
  readonly adapter: ClusterAdapter;
  readonly leases: RoomLeases;
  private readonly ownership: Ownership;
  private nsp: Namespace | null = null;
  private readonly tenures = new Map<string, Tenure>();
  private readonly past: Tenure[] = [];
  private readonly wallNow: () => number = Date.now;

  constructor(
    io: Parameters<typeof attachRedisAdapter>[0],
    readonly opts: ClusterOptions,
    private readonly host: ClusterHost,
    /** Proves to other instances that an ask comes from this cluster (forward-http.ts hopSecret). */
    private readonly peerSecret: string,
  ) {
    this.adapter = attachRedisAdapter(io, opts.redisUrl, opts.prefix);
    this.leases = new RoomLeases(this.adapter.pub, {
      prefix: opts.prefix,
      instanceId: opts.instanceId,
      ttlMs: opts.leaseTtlMs,
    });
    this.ownership = new Ownership(
      this.adapter.pub,
      this.leases,
      { prefix: opts.prefix, instanceId: opts.instanceId, ttlMs: opts.leaseTtlMs, rooms: () => host.rooms() },
      {
        acquired: (roomId, token) => this.opened(roomId, token),
        lost: (roomId) => {
          this.endTenure(roomId);
          host.close(roomId);
        },
        round: () => {
          // Pushes committed elsewhere whose notice was lost (Redis away) are applied within one round.
          for (const roomId of this.leases.rooms()) if (this.runs(roomId)) host.appended(roomId);
          void this.publishAddress();
        },
      },
    );
  }

  /** Answers other instances' requests on the namespace, then starts the ownership rounds. */
  start(nsp: Namespace): void {
    this.nsp = nsp;
    nsp.on('cluster:appended', (roomId: string) => {
      if (this.runs(roomId)) this.host.appended(roomId);
    });
    this.ownership.start();
  }

  /** True while this instance may act for the room (lease held and within its local deadline). */
  runs(roomId: string): boolean {
    const token = this.leases.token(roomId);
    if (token === null) return false;
    const tenure = this.tenures.get(roomId);
    if (tenure?.token === token) tenure.lastActAt = this.wallNow();
    return true;
  }

  /** Where other instances send requests for rooms this one runs (forward-http.ts); set once listening. */
  advertise(url: string): void {
    this.address = url;
    void this.publishAddress();
  }

  private address: string | null = null;

  private addressKey(instanceId: string): string {
    return `${this.opts.prefix}addr:${instanceId}`;
  }

  /** Kept for ten TTLs past the last round: a dead instance's address goes on its own. */
  private async publishAddress(): Promise<void> {
    if (this.address === null) return;
    const key = this.addressKey(this.opts.instanceId);
    await this.adapter.pub.set(key, this.address, 'PX', this.opts.leaseTtlMs * 10).catch(() => null);
  }

  /** The HTTP address of the instance that holds the room's lease (null: none holds it, or it is not known). */
  async ownerAddress(roomId: string): Promise<string | null> {
    const owner = await this.leases.owner(roomId);
    if (owner === null) return null;
    const instanceId = owner.slice(0, owner.lastIndexOf(':'));
    if (instanceId === this.opts.instanceId) return null;
    return this.adapter.pub.get(this.addressKey(instanceId));
  }

  /** The room is ours: it opens here once the lease lets this instance act (at once, unless Redis lost its
   * data: then one TTL later, see room-lease.ts), if it still holds that lease by then. */
  private opened(roomId: string, token: number): void {
    if (this.leases.heldToken(roomId) !== token) return;
    const wait = this.leases.startsIn(roomId);
    if (wait > 0 || this.leases.token(roomId) === null) {
      setTimeout(() => this.opened(roomId, token), Math.max(wait + 1, this.opts.leaseTtlMs / 3)).unref();
      return;
    }
    this.endTenure(roomId);
    this.tenures.set(roomId, { roomId, token, since: this.wallNow(), lastActAt: null, until: null });
    void this.host.open(roomId, token).then((ok) => {
      // Held but never opened, the room would stay dark as long as this instance renews it: let it go, so the
      // next round (here or elsewhere) tries again.
      if (!ok && this.leases.heldToken(roomId) === token) {
        this.endTenure(roomId);
        this.host.close(roomId);
        void this.leases.release(roomId).catch(() => {});
      }
    });
  }

  /** This instance's tenures, current and past (GET /api/cluster). */
  status(): { instanceId: string; rooms: Tenure[]; past: Tenure[] } {
    return { instanceId: this.opts.instanceId, rooms: [...this.tenures.values()], past: [...this.past] };
  }

  private endTenure(roomId: string): void {
    const tenure = this.tenures.get(roomId);
    if (!tenure) return;
    this.tenures.delete(roomId);
    tenure.until = this.wallNow();
    this.past.push(tenure);
    if (this.past.length > PAST_TENURES) this.past.shift();
  }

  /**
   * Asks the instance that runs the room; null when none answers (no owner, or moving). Straight to the owner
   * over HTTP rather than a server-side request over the adapter, which goes to every instance and waits for
   * all of them: one paused instance made every resync and command in the cluster wait the adapter's timeout.
   */
  async ask(req: ForwardedRequest): Promise<unknown | null> {
    const url = await this.ownerAddress(req.roomId).catch(() => null);
    if (url === null) return null;
    try {
      const res = await fetch(`${url}/api/cluster/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HOP]: this.peerSecret },
        body: JSON.stringify(req),
        signal: AbortSignal.timeout(ASK_TIMEOUT_MS),
      });
      if (!res.ok) return null;
      return ((await res.json()) as { answer?: unknown }).answer ?? null;
    } catch {
      return null;
    }
  }

  /** This instance's answer to another's ask (null: it does not run the room now). */
  async answer(req: ForwardedRequest): Promise<unknown | null> {
    return this.runs(req.roomId) ? ((await this.host.answer(req)) ?? null) : null;
  }

  /** Tells the room's owner (wherever it is) that the store has new events for it. */
  notifyAppended(roomId: string): void {
    // biome-ignore lint/suspicious/noExplicitAny: see above
    (this.nsp as any)?.serverSideEmit('cluster:appended', roomId);
  }

  /** SIGTERM: hand every room over now (the next round elsewhere takes them), then leave. */
  async drain(): Promise<void> {
    await this.ownership.drain();
  }

  /** Stops renewing and taking rooms, hands nothing over: a crashed or cut-off owner, as tests make one. */
  halt(): void {
    this.ownership.halt();
  }

  async close(): Promise<void> {
    this.ownership.halt();
    await this.ownership.settled();
    this.nsp = null;
    await this.adapter.close();
  }
}
