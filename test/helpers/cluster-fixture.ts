// Several instances in this test process sharing one store and a private Redis: the in-process cluster the
// two-instance and forwarded-writes suites start. Conditions are polled by Redis round trips, not timers.
import type { ClusterNode } from '../../server/cluster/cluster-node.ts';
import type { Storage } from '../../server/storage/ports.ts';
import { openSqliteStorage } from '../../server/storage/sqlite/index.ts';
import { PrivateRedis } from './private-redis.ts';
import { startServer, type TestServer, tempDir } from './server.ts';

export class InProcessCluster {
  readonly servers: TestServer[] = [];

  private constructor(
    readonly redis: PrivateRedis,
    readonly storage: Storage,
    private readonly prefix: string,
    private readonly leaseTtlMs: number,
  ) {}

  static async start(ids: string[], opts: { prefix: string; leaseTtlMs: number }): Promise<InProcessCluster> {
    const c = new InProcessCluster(
      await PrivateRedis.start(),
      openSqliteStorage(tempDir()),
      opts.prefix,
      opts.leaseTtlMs,
    );
    for (const id of ids) await c.add(id);
    return c;
  }

  /** One more instance on the same store (closed once, by close()) and Redis. */
  async add(id: string): Promise<TestServer> {
    const s = await startServer({
      storage: { ...this.storage, close: async () => {} },
      tickHz: 10,
      cluster: { redisUrl: this.redis.url, instanceId: id, leaseTtlMs: this.leaseTtlMs, prefix: this.prefix },
    });
    this.servers.push(s);
    return s;
  }

  /** True while `s` runs the room: it holds the lease and has the room loaded. */
  static runs(s: TestServer, roomId: string): boolean {
    return s.services.registry.mayAct(roomId) && !!s.services.registry.loaded(roomId);
  }

  /** Waits for `pred`, checking after each Redis PING; resolves with the milliseconds it took. */
  async until(pred: () => boolean, timeoutMs = 15_000): Promise<number> {
    const started = performance.now();
    while (!pred()) {
      if (performance.now() - started > timeoutMs) throw new Error('condition not met in time');
      await (this.servers[0]!.services.cluster as ClusterNode).adapter.pub.ping().catch(() => null);
    }
    return performance.now() - started;
  }

  async close(): Promise<void> {
    for (const s of this.servers) await s.close();
    await this.storage.close();
    await this.redis.stop();
  }
}
