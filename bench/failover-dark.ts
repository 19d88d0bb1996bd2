// Failover as the screens see it: three real instances (server/main.ts, clustered on a private PostgreSQL and
// Redis, the default lease TTL), one room with a push every 100 ms to the instances that are up, and screens on
// the two instances that do not run the room. The owner (GET /api/cluster) is killed with SIGKILL; the dark
// time is from the kill until each screen shows new data again (its comment total passes what it showed at
// the kill: the new owner has taken the room, rebuilt it from the store and the screen has resynced). The
// killed instance is started again before the next kill. Then the same with SIGTERM (the owner drains and hands
// over). Reported: p50 / max over every screen × kill.
// Run alone: npx tsx bench/failover-dark.ts   (BENCH_FAILOVER_KILLS=20 BENCH_FAILOVER_TTL_MS=5000)
import { InstanceProcess } from '../test/helpers/instance-process.ts';
import { PrivatePostgres } from '../test/helpers/private-postgres.ts';
import { PrivateRedis } from '../test/helpers/private-redis.ts';
import { ResyncingScreen } from '../test/helpers/resyncing-screen.ts';
import { ADMIN } from '../test/helpers/server.ts';
import { fmt, percentile, type Row } from './lib.ts';

const KILLS = Number(process.env.BENCH_FAILOVER_KILLS ?? 20);
const DRAINS = Number(process.env.BENCH_FAILOVER_DRAINS ?? 5);
const TTL_MS = Number(process.env.BENCH_FAILOVER_TTL_MS ?? 5000);
const PUSH_EVERY_MS = 100;

interface Tenure {
  roomId: string;
}

async function api<T>(url: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Pushes a batch every PUSH_EVERY_MS to the next instance that is up; a failed batch is sent again. */
function startPushing(instances: () => InstanceProcess[], roomId: string, token: string) {
  let running = true;
  let n = 0;
  const loop = async () => {
    while (running) {
      const ups = instances().filter((x) => x.alive && !x.killed);
      const body = JSON.stringify(
        Array.from({ length: 5 }, (_, i) => ({
          type: 'comment',
          ts: Date.now(),
          id: `f${n}-${i}`,
          userId: `u${i}`,
          text: '666',
        })),
      );
      const target = ups[n % Math.max(1, ups.length)];
      const ok = target
        ? await fetch(`${target.url}/api/rooms/${roomId}/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body,
          }).then(
            (r) => r.ok,
            () => false,
          )
        : false;
      if (ok) n++;
      await new Promise((r) => setTimeout(r, PUSH_EVERY_MS));
    }
  };
  const done = loop();
  return async () => {
    running = false;
    await done;
  };
}

async function ownerOf(instances: InstanceProcess[], roomId: string): Promise<InstanceProcess> {
  for (;;) {
    for (const inst of instances.filter((x) => x.alive && !x.killed)) {
      const st = await api<{ rooms: Tenure[] }>(inst.url, '/api/cluster').catch(() => null);
      if (st?.rooms.some((t) => t.roomId === roomId)) return inst;
    }
    await new Promise((r) => setTimeout(r, 100)); // between rounds of the ownership (TTL/3)
  }
}

export async function benchFailoverDark(): Promise<Row[]> {
  const [pg, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
  let next = 0;
  const env = () => ({
    databaseUrl: pg.url,
    redisUrl: redis.url,
    instanceId: `d${next++}`,
    prefix: 'dark:',
    leaseTtlMs: TTL_MS,
    tickHz: 2,
  });
  const instances: InstanceProcess[] = [];
  for (let i = 0; i < 3; i++) instances.push(await InstanceProcess.start(env()));
  const room = await api<{ id: string; tokens: { ingest: string; viewer: string } }>(instances[0]!.url, '/api/rooms', {
    method: 'POST',
    body: JSON.stringify({ name: 'failover-dark' }),
  });
  const stop = startPushing(() => instances, room.id, room.tokens.ingest);
  const dark = { kill: [] as number[], drain: [] as number[] };
  try {
    for (let k = 0; k < KILLS + DRAINS; k++) {
      const how = k < KILLS ? 'kill' : 'drain';
      const owner = await ownerOf(instances, room.id);
      const screens = instances
        .filter((x) => x !== owner && x.alive && !x.killed)
        .map((x) => new ResyncingScreen(x.url, room.id, room.tokens.viewer));
      // Each screen holds the room and has seen it move before the owner goes.
      const held = await Promise.all(screens.map((s) => s.until((st) => st.comments > 0, 30_000)));
      await Promise.all(screens.map((s, i) => s.until((st) => st.comments > held[i]!.comments, 30_000)));
      const shown = screens.map((s) => s.state!.comments);
      const t0 = performance.now();
      await (how === 'kill' ? owner.kill() : owner.terminate());
      await Promise.all(
        screens.map(async (s, i) => {
          await s.until((st) => st.comments > shown[i]!, 60_000);
          dark[how].push(performance.now() - t0);
        }),
      );
      for (const s of screens) s.close();
      instances.splice(instances.indexOf(owner), 1, await InstanceProcess.start(env()));
    }
  } finally {
    await stop();
    await Promise.all(instances.map((x) => x.kill()));
    await Promise.all([pg.dispose(), redis.stop()]);
  }
  const rows = (how: 'kill' | 'drain', label: string): Row[] => {
    const d = dark[how].sort((a, b) => a - b);
    return [
      { name: `${label}: screens × times`, value: fmt(d.length) },
      {
        name: `${label}: dark time p50 / max, s`,
        value: `${fmt(percentile(d, 50) / 1000, 2)} / ${fmt(d.at(-1)! / 1000, 2)}`,
      },
    ];
  };
  const killMax = Math.max(...dark.kill);
  return [
    { name: 'lease TTL, ms (the default)', value: fmt(TTL_MS) },
    ...rows('kill', `kill -9 of the owner`),
    {
      name: 'kill -9: worst dark time within 10 s',
      value: fmt(killMax / 1000, 2),
      target: '≤ 10',
      pass: killMax <= 10_000,
    },
    ...rows('drain', 'SIGTERM of the owner (drain, hand over)'),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printRows } = await import('./lib.ts');
  printRows('Failover dark time (3 real instances, PostgreSQL + Redis)', await benchFailoverDark());
}
