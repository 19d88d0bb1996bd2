// Failover of room ownership: three instances run their ownership rounds on real timers against a private
// redis-server; the owner of a watched room is killed (its rounds stop, no hand-over, as kill -9 leaves it) and
// the time until another instance holds the room is measured, 20 times (a fresh instance replaces each dead one).
// The room's dark time on screen is this plus its rebuild from checkpoint + tail (the rebuild section) plus
// one resync. A drain (SIGTERM) hands over in the next round instead: measured the same way.
import { Redis } from 'ioredis';
import { Ownership } from '../server/cluster/ownership.ts';
import { RoomLeases } from '../server/cluster/room-lease.ts';
import { PrivateRedis } from '../test/helpers/private-redis.ts';
import { fmt, percentile, type Row } from './lib.ts';

const TTL_MS = Number(process.env.BENCH_FAILOVER_TTL_MS ?? 2_000);
const KILLS = Number(process.env.BENCH_FAILOVER_KILLS ?? 20);
const ROOMS = Array.from({ length: 12 }, (_, i) => `room${i}`);

interface Node {
  id: string;
  own: Ownership;
  redis: Redis;
}

export async function benchFailover(): Promise<Row[]> {
  const server = await PrivateRedis.start();
  const taken = new Map<string, (id: string) => void>();
  let n = 0;
  const start = (): Node => {
    const id = `i${n++}`;
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
    const leases = new RoomLeases(redis, { prefix: 'bench:', instanceId: id, ttlMs: TTL_MS });
    const events = { acquired: (r: string) => taken.get(r)?.(id), lost: () => {} };
    const own = new Ownership(
      redis,
      leases,
      { prefix: 'bench:', instanceId: id, ttlMs: TTL_MS, rooms: async () => ROOMS },
      events,
    );
    own.start();
    return { id, own, redis };
  };
  let nodes = [start(), start(), start()];
  const ownerOf = async (room: string) => (await nodes[0]!.redis.get(`bench:room:${room}:owner`))?.split(':')[0];
  const gaps: number[] = [];
  const drains: number[] = [];
  try {
    for (let k = 0; k < KILLS + 5; k++) {
      const room = ROOMS[k % ROOMS.length]!;
      let owner = await ownerOf(room);
      while (!owner) owner = await ownerOf(room);
      const victim = nodes.find((x) => x.id === owner)!;
      const next = new Promise<void>((resolve) => taken.set(room, (id) => id !== owner && resolve()));
      const t = performance.now();
      if (k < KILLS) victim.own.halt();
      else await victim.own.drain();
      await next;
      (k < KILLS ? gaps : drains).push(performance.now() - t);
      taken.delete(room);
      victim.own.halt();
      victim.redis.disconnect();
      nodes = [...nodes.filter((x) => x !== victim), start()];
    }
  } finally {
    for (const x of nodes) {
      x.own.halt();
      x.redis.disconnect();
    }
    await server.stop();
  }
  gaps.sort((a, b) => a - b);
  drains.sort((a, b) => a - b);
  const max = gaps[gaps.length - 1]!;
  return [
    { name: `lease TTL ms (round every TTL/3), rooms, instances`, value: `${fmt(TTL_MS)}, ${ROOMS.length}, 3` },
    {
      name: `takeover after kill -9, p50 / max ms (${gaps.length} kills)`,
      value: `${fmt(percentile(gaps, 50))} / ${fmt(max)}`,
    },
    {
      // The bound the design gives: the lease must expire (TTL) and the next round come (TTL/3).
      name: 'max takeover / (TTL + TTL/3)',
      value: fmt(max / (TTL_MS * (4 / 3)), 2),
      target: '≤ 1',
      pass: max <= TTL_MS * (4 / 3) * 1.05,
    },
    {
      name: `takeover after drain, p50 / max ms (${drains.length})`,
      value: `${fmt(percentile(drains, 50))} / ${fmt(drains[drains.length - 1]!)}`,
    },
  ];
}
