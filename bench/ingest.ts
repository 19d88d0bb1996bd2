// Ingest: barrage events/s through the real HTTP route into durable storage, against the same pipeline
// (body parsing, validation, dedupe, group-committed SQLite, engine) called in process. Same run, same data.
import { parseEventsBody } from '../server/ingest/parse-body.ts';
import { createRoom } from '../test/helpers/server.ts';
import { barrage, fmt, printRows, type Row, startServer } from './lib.ts';
import { postRaw } from './post-events.ts';

const TOTAL = Number(process.env.BENCH_INGEST_EVENTS ?? 200_000);
const BATCH = 5_000;
const CONCURRENCY = 4;

export async function runPool<T>(items: T[], n: number, fn: (item: T) => Promise<number>): Promise<number> {
  let next = 0;
  let total = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const n = await fn(items[next++]!); // not `total += await`: that reads total before the await
        total += n;
      }
    }),
  );
  return total;
}

export async function benchIngest(): Promise<Row[]> {
  const s = await startServer({ autoTick: true, tickHz: 2 });
  const httpRoom = await createRoom(s, 'bench-http');
  const procRoom = await createRoom(s, 'bench-inproc');
  const t0 = Date.now();
  const bodies = (prefix: string) => {
    const all = barrage(TOTAL, t0, 50_000, prefix);
    const out: Buffer[] = [];
    for (let i = 0; i < all.length; i += BATCH) out.push(Buffer.from(JSON.stringify(all.slice(i, i + BATCH))));
    return out;
  };
  const inprocBodies = bodies('p');
  const httpBodies = bodies('h');
  const runtime = (await s.services.runtime(procRoom.id))!;

  let start = performance.now();
  const inprocAccepted = await runPool(inprocBodies, CONCURRENCY, async (b) => {
    const items = parseEventsBody(b, 'application/json', 10_000);
    return (await s.services.pipeline.ingest(runtime, items, { checkTime: true })).accepted;
  });
  const inprocSec = (performance.now() - start) / 1000;

  const url = new URL(`${s.url}/api/rooms/${httpRoom.id}/events`);
  start = performance.now();
  const httpAccepted = await runPool(httpBodies, CONCURRENCY, (b) => postRaw(url, httpRoom.tokens.ingest, b));
  const httpSec = (performance.now() - start) / 1000;
  await s.close();

  const httpRate = httpAccepted / httpSec;
  const inprocRate = inprocAccepted / inprocSec;
  return [
    { name: `events (per path, batches of ${BATCH}, ${CONCURRENCY} in flight)`, value: fmt(TOTAL) },
    { name: 'in-process pipeline, events/s', value: fmt(inprocRate) },
    { name: 'HTTP route, events/s', value: fmt(httpRate), target: '≥ 50,000', pass: httpRate >= 50_000 },
    {
      name: 'HTTP ÷ in-process',
      value: fmt(httpRate / inprocRate, 2),
      target: '≥ 0.6',
      pass: httpRate / inprocRate >= 0.6,
    },
    {
      name: 'all accepted (both paths)',
      value: String(httpAccepted === TOTAL && inprocAccepted === TOTAL),
      pass: httpAccepted === TOTAL && inprocAccepted === TOTAL,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows('Ingest', await benchIngest());
}
