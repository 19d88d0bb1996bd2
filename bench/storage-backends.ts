// SQLite vs PostgreSQL: the same barrage through the real HTTP route (parse, validate, group commit, engine)
// into each backend, interleaved rounds in one run, then a restart's rebuild of that room from each store.
// Judged as a ratio (PostgreSQL ÷ SQLite); absolutes are context on a shared 2-core machine.

import type { Storage } from '../server/storage/ports.ts';
import { openPostgresStorage } from '../server/storage/postgres/index.ts';
import { openSqliteStorage } from '../server/storage/sqlite/index.ts';
import { dropSchema, newSchemaName, PG_TEST_URL, probePostgres } from '../test/helpers/pg-test.ts';
import { createRoom, tempDir } from '../test/helpers/server.ts';
import { runPool } from './ingest.ts';
import { barrage, fmt, type Row, startServer } from './lib.ts';
import { postRaw } from './post-events.ts';

const TOTAL = Number(process.env.BENCH_STORAGE_EVENTS ?? 100_000);
const BATCH = 5_000;
const CONCURRENCY = 4;
const ROUNDS = 2;

interface Store {
  open: () => Promise<Storage>;
  drop: () => Promise<void>;
}

function sqliteStore(): Store {
  const dir = tempDir('bench-sqlite-');
  return { open: async () => openSqliteStorage(dir), drop: async () => {} };
}

function pgStore(): Store {
  const schema = newSchemaName();
  return { open: () => openPostgresStorage(PG_TEST_URL, { schema }), drop: () => dropSchema(schema) };
}

/** events/s through HTTP into the store, and ms for a restart to show the room rebuilt from it. */
async function once(store: Store, prefix: string): Promise<{ rate: number; rebuildMs: number; ok: boolean }> {
  const s = await startServer({ autoTick: true, tickHz: 2, storage: store.open });
  const room = await createRoom(s, `bench-${prefix}`);
  const all = barrage(TOTAL, Date.now(), 50_000, prefix);
  const bodies: Buffer[] = [];
  for (let i = 0; i < all.length; i += BATCH) bodies.push(Buffer.from(JSON.stringify(all.slice(i, i + BATCH))));
  const url = new URL(`${s.url}/api/rooms/${room.id}/events`);
  const t = performance.now();
  const accepted = await runPool(bodies, CONCURRENCY, (b) => postRaw(url, room.tokens.ingest, b));
  const rate = accepted / ((performance.now() - t) / 1000);
  await s.close();
  const again = await startServer({ autoTick: false, listen: false, storage: store.open });
  const r0 = performance.now();
  const runtime = (await again.services.runtime(room.id))!;
  await again.services.registry.ready(runtime);
  const rebuildMs = performance.now() - r0;
  const ok = accepted === TOTAL && runtime.state(Date.now()).comments === TOTAL;
  await again.close();
  await store.drop();
  return { rate, rebuildMs, ok };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchStorageBackends(): Promise<Row[]> {
  const missing = await probePostgres(PG_TEST_URL);
  if (missing) return [{ name: 'PostgreSQL', value: `skipped: ${missing}` }];
  const runs = { sqlite: [] as Awaited<ReturnType<typeof once>>[], postgres: [] as Awaited<ReturnType<typeof once>>[] };
  for (let r = 0; r < ROUNDS; r++) {
    runs.sqlite.push(await once(sqliteStore(), `s${r}`));
    runs.postgres.push(await once(pgStore(), `p${r}`));
  }
  const rate = (k: 'sqlite' | 'postgres') => median(runs[k].map((x) => x.rate));
  const rebuild = (k: 'sqlite' | 'postgres') => median(runs[k].map((x) => x.rebuildMs));
  const ratio = rate('postgres') / rate('sqlite');
  const allOk = [...runs.sqlite, ...runs.postgres].every((x) => x.ok);
  return [
    {
      name: `events per run (batches of ${BATCH}, ${CONCURRENCY} in flight), rounds`,
      value: `${fmt(TOTAL)} × ${ROUNDS}`,
    },
    { name: 'SQLite HTTP ingest, events/s (median)', value: fmt(rate('sqlite')) },
    { name: 'PostgreSQL HTTP ingest, events/s (median)', value: fmt(rate('postgres')) },
    // No target: PostgreSQL's server shares the machine's 2 cores with the app here; the ratio is the figure.
    { name: 'PostgreSQL ÷ SQLite ingest (same machine, same run)', value: fmt(ratio, 2) },
    { name: 'SQLite rebuild after restart, ms', value: fmt(rebuild('sqlite')) },
    { name: 'PostgreSQL rebuild after restart, ms', value: fmt(rebuild('postgres')) },
    { name: 'all accepted, stored and rebuilt (both)', value: String(allOk), pass: allOk },
  ];
}
