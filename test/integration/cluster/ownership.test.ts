// Rooms spread over instances and move when one dies, joins or drains; never two owners at once.
// Rounds are driven by the test (step()), on a private Redis with real lease expiry.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ownership } from '../../../server/cluster/ownership.ts';
import { RoomLeases } from '../../../server/cluster/room-lease.ts';
import { PrivateRedis, REDIS_SERVER } from '../../helpers/private-redis.ts';
import { needs } from '../../helpers/requirements.ts';

const TTL_MS = 600;
const ROOMS = Array.from({ length: 9 }, (_, i) => `room${i}`);

interface Instance {
  id: string;
  leases: RoomLeases;
  own: Ownership;
  running: Set<string>;
}

describe('room ownership across instances', needs(REDIS_SERVER), () => {
  let server: PrivateRedis;
  const clients: Redis[] = [];
  beforeAll(async () => {
    server = await PrivateRedis.start();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await server?.stop();
  });

  const made: Instance[] = [];

  function instance(id: string): Instance {
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    const leases = new RoomLeases(redis, { prefix: 'own:', instanceId: id, ttlMs: TTL_MS });
    const running = new Set<string>();
    const own = new Ownership(
      redis,
      leases,
      { prefix: 'own:', instanceId: id, ttlMs: TTL_MS, rooms: async () => ROOMS },
      { acquired: (r) => void running.add(r), lost: (r) => void running.delete(r) },
    );
    const made1 = { id, leases, own, running };
    made.push(made1);
    return made1;
  }

  /** No room runs on two instances, and each running room is the one Redis names as owned by it. */
  async function expectSingleOwners(all: Instance[]): Promise<void> {
    for (const room of ROOMS) {
      const runners = all.filter((i) => i.running.has(room) && i.leases.token(room) !== null);
      expect(runners.length, room).toBeLessThanOrEqual(1);
      if (runners[0]) expect((await runners[0].leases.owner(room))?.startsWith(`${runners[0].id}:`)).toBe(true);
    }
  }

  /** Rounds of the `stepping` instances; the single-owner check covers every instance made, dead ones too. */
  async function roundsUntil(stepping: Instance[], done: () => boolean, maxMs = 10_000): Promise<number> {
    const started = performance.now();
    while (!done()) {
      for (const i of stepping) {
        await i.own.step();
        await expectSingleOwners(made);
      }
      if (performance.now() - started > maxMs) throw new Error('did not settle');
    }
    return performance.now() - started;
  }

  const counts = (all: Instance[]) => all.map((i) => i.running.size);
  const allRun = (all: Instance[]) => ROOMS.every((r) => all.some((i) => i.running.has(r)));

  it('spreads rooms evenly, takes a dead instance’s rooms within the lease, shares with a newcomer, drains', async () => {
    const [a, b, c] = [instance('a'), instance('b'), instance('c')];
    await roundsUntil([a, b, c], () => allRun([a, b, c]) && counts([a, b, c]).every((n) => n === 3));

    // c dies (kill -9: no release). Its rooms are taken once their leases expire in Redis.
    const tookMs = await roundsUntil([a, b], () => allRun([a, b]));
    expect(tookMs).toBeLessThan(TTL_MS + 1_000);
    expect(c.leases.rooms().every((r) => c.leases.token(r) === null)).toBe(true);

    // A newcomer gets a share.
    const d = instance('d');
    await roundsUntil(
      [a, b, d],
      () => allRun([a, b, d]) && d.running.size >= 2 && counts([a, b, d]).every((n) => n <= 4),
    );

    // a drains (SIGTERM): its rooms are free at once, taken in the next rounds of b and d, not after a TTL.
    await a.own.drain();
    expect(a.running.size).toBe(0);
    const drainedMs = await roundsUntil([b, d], () => allRun([b, d]));
    expect(drainedMs).toBeLessThan(TTL_MS);
  });
});
