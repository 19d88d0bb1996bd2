// Room leases on a private Redis: one owner at a time, a larger token for each new owner, a paused owner that
// stops acting on its own before its lease can pass to another, and its late fenced act refused (split brain).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomLeases } from '../../../server/cluster/room-lease.ts';
import { PrivateRedis, REDIS_SERVER } from '../../helpers/private-redis.ts';
import { needs } from '../../helpers/requirements.ts';

describe('room leases with fencing tokens', needs(REDIS_SERVER), () => {
  let server: PrivateRedis;
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis(server.url, { maxRetriesPerRequest: 1 });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    server = await PrivateRedis.start();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await server?.stop();
  });

  /** Two instances with hand-driven monotonic clocks; TTL short so expiry is real (Redis keeps time itself). */
  function pair(prefix: string) {
    const clock = { a: 0, b: 0 };
    const a = new RoomLeases(client(), { prefix, instanceId: 'a', ttlMs: 300, marginMs: 60, now: () => clock.a });
    const b = new RoomLeases(client(), { prefix, instanceId: 'b', ttlMs: 300, marginMs: 60, now: () => clock.b });
    return { a, b, clock };
  }

  async function until(pred: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
    const end = performance.now() + timeoutMs;
    while (!(await pred())) if (performance.now() > end) throw new Error('condition not met in time');
  }

  it('one owner at a time; release hands over at once with a larger token', async () => {
    const { a, b } = pair('t1:');
    const held = (await a.acquire('r1'))!;
    expect(held.token).toBeGreaterThan(0);
    expect(await b.acquire('r1')).toBeNull();
    expect(await a.renew('r1')).toBe(true);
    await a.release('r1');
    expect(a.token('r1')).toBeNull();
    const next = (await b.acquire('r1'))!;
    expect(next.token).toBeGreaterThan(held.token);
    expect(await a.renew('r1')).toBe(false);
    expect(await b.owner('r1')).toBe(`b:${next.token}`);
  });

  it('split brain: a paused owner stops acting by its own deadline, and its late fenced act is refused', async () => {
    const { a, b, clock } = pair('t2:');
    const held = (await a.acquire('r2'))!;
    expect(await a.fenced('r2', held.token, 'judged:r2', 'a')).toBe(true);
    // a is paused: its monotonic clock jumps past the lease, Redis expires the key on its own.
    clock.a += 1_000;
    expect(a.token('r2')).toBeNull();
    await until(async () => (await b.acquire('r2')) !== null);
    const tb = b.token('r2')!;
    expect(tb).toBeGreaterThan(held.token);
    // a wakes up and, not having checked its deadline, tries to judge with its old token: refused.
    expect(await a.fenced('r2', held.token, 'judged:r2', 'a-late')).toBe(false);
    expect(await b.fenced('r2', tb, 'judged:r2', 'b')).toBe(true);
    expect(await a.renew('r2')).toBe(false);
    const redis = client();
    expect(await redis.get('t2:judged:r2')).toBe('b');
  });

  it('Redis loses its data: tokens still grow, and the new owner waits one TTL before it acts', async () => {
    const { a, b, clock } = pair('t4:');
    // The cluster's first leases wait a TTL too (Redis may have just restarted): a hand-set old epoch.
    await client().set('t4:epoch', '1');
    const held = (await a.acquire('r4'))!;
    expect(a.startsIn('r4')).toBe(0);
    expect(a.token('r4')).toBe(held.token);
    // Redis restarts empty (no persistence): owner key, fence and epoch are gone; a still trusts its lease.
    await client().flushall();
    const taken = (await b.acquire('r4'))!;
    expect(taken.token).toBeGreaterThan(held.token);
    expect(b.startsIn('r4')).toBeGreaterThan(250);
    expect(b.token('r4')).toBeNull();
    // Another room taken right after (the epoch already written again) waits as long.
    await b.acquire('r5');
    expect(b.startsIn('r5')).toBeGreaterThan(200);
    // Once a's own deadline has surely passed, and b renewed meanwhile, b may act.
    clock.a += 300;
    expect(a.token('r4')).toBeNull();
    clock.b += 100;
    expect(await b.renew('r4')).toBe(true);
    clock.b += 200;
    expect(b.token('r4')).toBe(taken.token);
  });

  it('racing instances: exactly one wins each room, and its token is the fence', async () => {
    const { a, b } = pair('t3:');
    const rooms = Array.from({ length: 40 }, (_, i) => `race${i}`);
    const results = await Promise.all(rooms.flatMap((r) => [a.acquire(r), b.acquire(r)]));
    for (let i = 0; i < rooms.length; i++) {
      const won = [results[2 * i], results[2 * i + 1]].filter((h) => h !== null);
      expect(won).toHaveLength(1);
      const owner = won[0] === results[2 * i] ? a : b;
      expect(await owner.fenced(rooms[i]!, won[0]!.token, `x:${rooms[i]}`, 'ok')).toBe(true);
    }
    expect(a.rooms().length + b.rooms().length).toBe(rooms.length);
  });
});
