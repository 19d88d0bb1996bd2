// Memory: a simulated 4-hour room with ~1M distinct viewers and 100 products, fed through the real pipeline
// (validation, SQLite, engine) in process at full speed; RSS is read at the end. The peer figure is the RSS of
// the same process before the room existed.
import { createSimulator } from '../server/sources/simulator/simulator.ts';
import { createRoom } from '../test/helpers/server.ts';
import { fmt, printRows, type Row, startServer } from './lib.ts';

const HOURS = Number(process.env.BENCH_MEMORY_HOURS ?? 4);
const PEAK_ONLINE = Number(process.env.BENCH_MEMORY_PEAK ?? 5_000);
const STEP_MS = 10_000;

export async function benchMemory(): Promise<Row[]> {
  const s = await startServer({ autoTick: false, listen: false });
  const room = await createRoom(s, 'bench-memory');
  const runtime = (await s.services.runtime(room.id))!;
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const t0 = Date.UTC(2026, 10, 1, 12);
  const sim = createSimulator({ seed: 7, startTs: t0, peakOnline: PEAK_ONLINE, productCount: 100 });
  await s.services.rooms.setProducts(room.id, sim.catalogue);
  runtime.engine.setCatalogue(sim.catalogue);
  const end = t0 + HOURS * 3_600_000;
  let events = 0;
  let peakRss = rssBefore;
  const started = performance.now();
  for (let t = t0 + STEP_MS; t <= end; t += STEP_MS) {
    const batch = sim.advance(t);
    for (let i = 0; i < batch.length; i += 10_000) {
      const r = await s.services.pipeline.ingestEvents(runtime, batch.slice(i, i + 10_000), { checkTime: false });
      events += r.accepted;
    }
    runtime.tick(t);
    if (t % 600_000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  const state = runtime.state(end);
  await s.close();
  const mb = (b: number) => b / 1024 / 1024;
  return [
    { name: `simulated hours / peak online / products`, value: `${HOURS} / ${PEAK_ONLINE} / ${state.products.length}` },
    { name: 'events through the pipeline', value: fmt(events) },
    { name: 'distinct viewers (engine estimate)', value: fmt(state.cumulativeViewers), target: '≈ 1M' },
    { name: 'wall time, s (events/s)', value: `${fmt(seconds, 1)} (${fmt(events / seconds)})` },
    { name: 'RSS before the room, MB', value: fmt(mb(rssBefore)) },
    { name: 'RSS after the room, MB', value: fmt(mb(rss)), target: '≤ 300', pass: mb(rss) <= 300 },
    { name: 'peak RSS sampled, MB', value: fmt(mb(peakRss)) },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchMemory();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
  else printRows('Memory', rows);
}
