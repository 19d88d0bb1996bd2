// Clustered mode end to end: three instances as real processes (server/main.ts) on a private PostgreSQL and a
// private Redis, three rooms (one each), a screen of every room on every instance, and pushes going on from
// concurrent HTTP clients to every instance throughout. Four faults, each followed by the same checks:
//   (a) kill -9 the owner of a room mid-stream (a fresh instance takes its place);
//   (b) restart Redis (every lease, fence and pub/sub link is gone for a moment);
//   (c) restart PostgreSQL (commits fail for a moment; pushers retry with the same ids);
//   (d) pause an instance (SIGSTOP) for longer than the lease, then resume it (a partition from Redis);
//   (e) kill -9 an owner while PostgreSQL is down (the room cannot be rebuilt until the store is back);
//   (f) SIGTERM an owner: it drains, handing its rooms over, with screens elsewhere dark for less than a TTL.
// After each: every acknowledged event is stored exactly once (counted in PostgreSQL), every screen holds
// exactly the acknowledged total (an event applied twice would show), and no two instances ever acted for
// one room at once: each instance's tenures (GET /api/cluster, wall times on one machine) never overlap,
// and fencing tokens grow with time.
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenure } from '../../../server/cluster/cluster-node.ts';
import { InstanceProcess } from '../../helpers/instance-process.ts';
import { POSTGRES_SERVER, PrivatePostgres } from '../../helpers/private-postgres.ts';
import { PrivateRedis, REDIS_SERVER } from '../../helpers/private-redis.ts';
import { needs } from '../../helpers/requirements.ts';
import { ResyncingScreen } from '../../helpers/resyncing-screen.ts';
import { ADMIN } from '../../helpers/server.ts';

// Long enough that a starved event loop (three servers, their clients and the other sessions on two cores)
// does not let an owner's own deadline pass between renewals; short enough to fail over quickly.
const TTL_MS = 3_000;
const PUSHERS = 3;
const BATCH = 10;
/** Acknowledged events wanted before a fault, and again after it (pushes go on across it). */
const PROGRESS = 60;

const isTenure = (x: unknown): x is Tenure => typeof x === 'object' && x !== null && 'token' in x;

interface Room {
  id: string;
  tokens: Record<'ingest' | 'controller' | 'assistant' | 'host' | 'viewer', string>;
}

describe('three instances as processes, on PostgreSQL and Redis', needs(REDIS_SERVER, POSTGRES_SERVER), () => {
  let redis: PrivateRedis;
  let postgres: PrivatePostgres;
  let next = 1;
  const instances: InstanceProcess[] = [];
  const rooms: Room[] = [];
  const screens: ResyncingScreen[] = [];
  /** Per room, the ids of every acknowledged event. */
  const acked = new Map<string, Set<string>>();
  /** Tenures of instances that are gone (read just before they were killed), their last act bounded by the kill. */
  const gone: Tenure[] = [];

  const alive = () => instances.filter((i) => i.alive);
  const totalAcked = () => [...acked.values()].reduce((n, s) => n + s.size, 0);

  async function startInstance(): Promise<InstanceProcess> {
    const inst = await InstanceProcess.start({
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      instanceId: `p${next++}`,
      prefix: 'three:',
      leaseTtlMs: TTL_MS,
    });
    instances.push(inst);
    return inst;
  }

  async function api<T>(inst: InstanceProcess, path: string, init: RequestInit = {}): Promise<T> {
    if (!inst.alive && !inst.killed) throw new Error(`${inst.id} died on its own:\n${inst.log}`);
    const res = await fetch(`${inst.url}${path}`, {
      ...init,
      signal: AbortSignal.timeout(5_000),
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  type Status = { instanceId: string; rooms: Tenure[]; past: Tenure[] };
  const status = (inst: InstanceProcess) => api<Status>(inst, '/api/cluster');

  /** Polls the instances (one round of requests per check, no timers) until `pred` holds. */
  async function until(pred: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const started = performance.now();
    while (!(await pred())) {
      if (performance.now() - started > timeoutMs) throw new Error(`timed out: ${what}`);
      await Promise.all(
        alive().map((i) => fetch(`${i.url}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null)),
      );
    }
  }

  /** The instance that runs the room now (as it says itself). */
  async function ownerOf(roomId: string): Promise<InstanceProcess | null> {
    for (const inst of alive()) {
      const s = await status(inst).catch(() => null);
      if (s?.rooms.some((t) => t.roomId === roomId)) return inst;
    }
    return null;
  }

  // Pushers: each sends batches of likes with fresh ids to the rooms in turn, each batch to the next live
  // instance; a failed batch (instance dead, store or Redis away) is sent again, same ids, to the next one,
  // until it is acknowledged. A retried batch that was in fact committed comes back as duplicates: acknowledged.
  let pushing = false;
  let closing = false;
  let loops: Promise<void>[] = [];
  const ackWaiters = new Set<() => void>();
  let batchNo = 0;

  async function pushUntilAcked(room: Room, ids: string[], k: number): Promise<void> {
    const body = JSON.stringify(ids.map((id) => ({ type: 'like', ts: Date.now(), count: 1, id })));
    for (let attempt = 0; ; attempt++) {
      const targets = alive();
      if (targets.length === 0) {
        if (closing) return;
        pushing = false;
        throw new Error(`every instance is gone:\n${instances.map((i) => `${i.id}: ${i.log}`).join('\n')}`);
      }
      const inst = targets[(k + attempt) % targets.length]!;
      const res = await fetch(`${inst.url}/api/rooms/${room.id}/events`, {
        method: 'POST',
        // A paused instance never answers: the batch moves on to the next one.
        signal: AbortSignal.timeout(3_000),
        headers: { authorization: `Bearer ${room.tokens.ingest}`, 'content-type': 'application/json' },
        body,
      }).catch(() => null);
      if (res?.status === 200) {
        const out = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
        expect(out.rejected).toEqual([]);
        expect(out.accepted + out.duplicates).toBe(ids.length);
        for (const id of ids) acked.get(room.id)!.add(id);
        for (const w of [...ackWaiters]) w();
        return;
      }
      await res?.text();
      // A real pusher backs off before it retries: pacing of the load, not a wait for a condition.
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  function startPushing(): void {
    pushing = true;
    loops = Array.from({ length: PUSHERS }, async (_, k) => {
      let i = 0;
      while (pushing) {
        const room = rooms[(k + i++) % rooms.length]!;
        const n = batchNo++;
        const ids = Array.from({ length: BATCH }, (_, j) => `b${n}-${j}`);
        await pushUntilAcked(room, ids, k + i);
        // Pacing, as above: a steady stream rather than as fast as two shared cores allow.
        await new Promise((r) => setTimeout(r, 20));
      }
    });
  }

  /** Stops the pushers once each batch in flight is acknowledged. */
  async function stopPushing(): Promise<void> {
    pushing = false;
    await Promise.all(loops);
  }

  function ackedAtLeast(n: number, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (totalAcked() < n) return;
        clearTimeout(timer);
        ackWaiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        ackWaiters.delete(check);
        reject(new Error(`acknowledged ${totalAcked()} of ${n} in time`));
      }, timeoutMs);
      ackWaiters.add(check);
      check();
    });
  }

  /** Resolves once the (new) instance runs a room: three rooms on three instances, one each. */
  async function takesItsShare(inst: InstanceProcess): Promise<InstanceProcess> {
    await until(async () => ((await status(inst).catch(() => null))?.rooms.length ?? 0) >= 1, 'a share', 30_000);
    return inst;
  }

  /** A screen of every room on the instance; resolves once each holds a state. */
  async function watchEveryRoom(inst: InstanceProcess): Promise<void> {
    const made = rooms.map((room) => new ResyncingScreen(inst.url, room.id, room.tokens.controller));
    screens.push(...made);
    await Promise.all(made.map((s) => s.until(() => true, 30_000)));
  }

  /** The checks after a fault: stored once, on every screen, never two owners. Pushing resumes after. */
  async function expectConsistent(label: string): Promise<void> {
    await stopPushing();
    try {
      await checks(label);
    } finally {
      startPushing();
    }
  }

  async function checks(label: string): Promise<void> {
    // An instance that died on its own (a crash on a fault it should survive) fails the test with its log.
    for (const inst of instances)
      if (!inst.alive && !inst.killed) throw new Error(`${label}: ${inst.id} died on its own:\n${inst.log}`);
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      for (const room of rooms) {
        const want = acked.get(room.id)!.size;
        const { rows } = await db.query<{ n: string; ids: string }>(
          'SELECT count(*) AS n, count(DISTINCT eid) AS ids FROM events WHERE room_id = $1',
          [room.id],
        );
        expect({ label, room: room.id, stored: Number(rows[0]!.n) }).toEqual({ label, room: room.id, stored: want });
        expect(Number(rows[0]!.ids)).toBe(want);
        // The store's fence is at least the owner's token (its entries are taken, every earlier owner's
        // refused) and no higher than a token some instance holds or held (rooms may move meanwhile: the
        // resumed or fresh instance takes its share back).
        const owner = await ownerOf(room.id);
        const current = owner && (await status(owner)).rooms.find((t) => t.roomId === room.id);
        const fence = await db.query<{ token: string }>('SELECT token FROM room_fences WHERE room_id = $1', [room.id]);
        const raised = Number(fence.rows[0]?.token);
        const known = [...gone];
        for (const inst of alive())
          known.push(
            ...Object.values(await status(inst))
              .flat()
              .filter(isTenure),
          );
        const highest = Math.max(...known.filter((t) => t.roomId === room.id).map((t) => t.token));
        expect(raised, `${label}: fence of ${room.id}`).toBeGreaterThanOrEqual(current?.token ?? 0);
        expect(raised, `${label}: fence of ${room.id}`).toBeLessThanOrEqual(highest);
      }
    } finally {
      await db.end();
    }
    const live = screens.filter((s) => s.connected);
    expect(live.length).toBeGreaterThanOrEqual(rooms.length * 3);
    await Promise.all(live.map((s) => s.until((st) => st.likes === acked.get(s.roomId)!.size, 30_000))).catch(
      async (err) => {
        const held = live.map((s) => `${s.url} ${s.roomId} ${s.state?.likes}/${acked.get(s.roomId)!.size}`);
        throw new Error(
          `${label}: ${String(err)}\n${held.join('\n')}\n${alive()
            .map((i) => i.log)
            .join('\n')}`,
        );
      },
    );
    await expectNoOverlap(label);
  }

  async function expectNoOverlap(label: string): Promise<void> {
    const all = [...gone];
    for (const inst of alive()) {
      const s = await status(inst);
      all.push(...s.rooms, ...s.past);
    }
    for (const room of rooms) {
      const tenures = all.filter((t) => t.roomId === room.id).sort((x, y) => x.since - y.since);
      expect(tenures.length, `${label}: ${room.id} ran somewhere`).toBeGreaterThan(0);
      for (let i = 1; i < tenures.length; i++) {
        const [prev, cur] = [tenures[i - 1]!, tenures[i]!];
        const why = `${label}: ${room.id} ${JSON.stringify(prev)} then ${JSON.stringify(cur)}`;
        expect(cur.token, why).toBeGreaterThan(prev.token);
        expect(prev.lastActAt ?? prev.since, why).toBeLessThan(cur.since);
      }
    }
  }

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([PrivateRedis.start(), PrivatePostgres.start()]);
    // The first creates the schema alone (migrations are locked anyway; this keeps the start quiet).
    await startInstance();
    await Promise.all([startInstance(), startInstance()]);
    for (let i = 0; i < 3; i++) {
      const room = await api<Room>(instances[i]!, '/api/rooms', {
        method: 'POST',
        body: JSON.stringify({ name: `r${i}` }),
      });
      rooms.push(room);
      acked.set(room.id, new Set());
    }
    // Every room runs somewhere, one per instance.
    await until(async () => (await Promise.all(rooms.map((r) => ownerOf(r.id)))).every(Boolean), 'rooms owned');
    await Promise.all(instances.map((inst) => watchEveryRoom(inst)));
    startPushing();
  }, 180_000);

  afterAll(async () => {
    pushing = false;
    closing = true;
    for (const s of screens) s.close();
    for (const inst of instances) {
      inst.resume();
      await inst.kill();
    }
    await redis?.stop();
    await postgres?.dispose();
  });

  it('(a) kill -9 of a room owner mid-stream: another takes the room, nothing lost or doubled', async () => {
    await ackedAtLeast(totalAcked() + PROGRESS);
    const victim = (await ownerOf(rooms[0]!.id))!;
    const last = await status(victim);
    await victim.kill();
    const killedAt = Date.now();
    for (const t of [...last.rooms, ...last.past]) gone.push({ ...t, lastActAt: t.until ?? killedAt });
    for (const s of screens) if (s.url === victim.url) s.close();
    const after = totalAcked();
    await until(async () => (await ownerOf(rooms[0]!.id)) !== null, 'room taken over', 20_000);
    await ackedAtLeast(after + PROGRESS);
    // A fresh instance takes the dead one's place (and its share of rooms in later rounds).
    await watchEveryRoom(await takesItsShare(await startInstance()));
    await expectConsistent('kill -9');
  }, 180_000);

  it('(b) Redis restarts: leases and pub/sub come back, screens resync', async () => {
    await ackedAtLeast(totalAcked() + PROGRESS);
    await redis.stop();
    await redis.restart();
    const after = totalAcked();
    await ackedAtLeast(after + PROGRESS);
    await until(async () => (await Promise.all(rooms.map((r) => ownerOf(r.id)))).every(Boolean), 'rooms owned again');
    await expectConsistent('redis restart');
  }, 180_000);

  it('(c) PostgreSQL restarts: pushes retried, nothing acknowledged is lost', async () => {
    await ackedAtLeast(totalAcked() + PROGRESS);
    await postgres.stop();
    await postgres.restart();
    const after = totalAcked();
    await ackedAtLeast(after + PROGRESS);
    await expectConsistent('postgres restart');
  }, 180_000);

  it('(d) an owner paused past its lease (SIGSTOP) and resumed: it stops acting before another starts', async () => {
    await ackedAtLeast(totalAcked() + PROGRESS);
    // After (c) a lease may be between owners for a round: wait until the room is held, as (b) does.
    await until(async () => (await ownerOf(rooms[1]!.id)) !== null, 'room 1 owned');
    const victim = (await ownerOf(rooms[1]!.id))!;
    const others = alive().filter((i) => i !== victim);
    victim.pause();
    // Pushes go on to the others meanwhile (the pushers only pick live processes: a paused one is alive, so
    // its batches time out and move on).
    await until(
      async () => {
        for (const inst of others) {
          const s = await status(inst).catch(() => null);
          if (s?.rooms.some((t) => t.roomId === rooms[1]!.id)) return true;
        }
        return false;
      },
      'room taken from the paused owner',
      20_000,
    );
    victim.resume();
    const after = totalAcked();
    await ackedAtLeast(after + PROGRESS);
    await expectConsistent('pause past the lease');
  }, 180_000);

  it('(e) the owner dies while PostgreSQL is down: the room opens on another once the store is back', async () => {
    await ackedAtLeast(totalAcked() + PROGRESS);
    const victim = (await ownerOf(rooms[2]!.id))!;
    const last = await status(victim);
    await postgres.stop();
    await victim.kill();
    const killedAt = Date.now();
    for (const t of [...last.rooms, ...last.past]) gone.push({ ...t, lastActAt: t.until ?? killedAt });
    for (const s of screens) if (s.url === victim.url) s.close();
    // The dead owner's lease runs out; no other instance takes the room while it cannot read the store.
    const lease = new Redis(redis.url);
    try {
      await until(async () => (await lease.exists(`three:room:${rooms[2]!.id}:owner`)) === 0, 'lease expired', 20_000);
    } finally {
      lease.disconnect();
    }
    await postgres.restart();
    const after = totalAcked();
    await until(async () => (await ownerOf(rooms[2]!.id)) !== null, 'room opened again', 30_000);
    await ackedAtLeast(after + PROGRESS);
    await watchEveryRoom(await takesItsShare(await startInstance()));
    await expectConsistent('owner died, store down');
  }, 180_000);

  it('(f) the owner drains (SIGTERM): its rooms move within one round, screens elsewhere dark ≤ one TTL', async () => {
    await ackedAtLeast(totalAcked() + PROGRESS);
    const room = rooms[0]!;
    const victim = (await ownerOf(room.id))!;
    const watching = screens.filter((s) => s.connected && s.url !== victim.url && s.roomId === room.id);
    const started = performance.now();
    const stopping = victim.terminate();
    // Dark time (an upper bound): until each screen elsewhere holds every event acknowledged by the time
    // another instance says it runs the room, so what it shows came from the new owner.
    await until(async () => {
      const owner = await ownerOf(room.id);
      return owner !== null && owner !== victim;
    }, 'room handed over');
    const want = acked.get(room.id)!.size;
    const dark = await Promise.all(
      watching.map(async (s) => {
        await s.until((st) => st.likes >= want, 20_000);
        return performance.now() - started;
      }),
    );
    await stopping;
    expect(Math.max(...dark), `dark ${dark.map(Math.round).join(', ')} ms`).toBeLessThan(TTL_MS);
    for (const s of screens) if (s.url === victim.url) s.close();
    await watchEveryRoom(await takesItsShare(await startInstance()));
    await expectConsistent('drain');
    await stopPushing();
  }, 180_000);
});
