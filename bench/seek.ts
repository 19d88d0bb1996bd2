// Replay seek: a 4-hour simulated session of ~2M events is stored through the real pipeline; then the server
// answers GET /api/sessions/:sid/state?at=t for random t (stored ticks/per-second states, one indexed lookup).
// Peer, same run: the naive way, rebuilding the state at t by re-reading the raw events from the start.
import { RoomEngine } from '../server/engine/room-engine.ts';
import { createSimulator } from '../server/sources/simulator/simulator.ts';
import { createRoom } from '../test/helpers/server.ts';
import { fmt, percentile, printRows, type Row, startServer } from './lib.ts';

const HOURS = Number(process.env.BENCH_SEEK_HOURS ?? 4);
const PEAK = Number(process.env.BENCH_SEEK_PEAK ?? 2200);

export async function benchSeek(): Promise<Row[]> {
  const s = await startServer({ autoTick: false, listen: false });
  const room = await createRoom(s, 'bench-seek');
  const runtime = (await s.services.runtime(room.id))!;
  const t0 = Date.UTC(2026, 0, 1, 12);
  const sim = createSimulator({ seed: 9, startTs: t0, peakOnline: PEAK, productCount: 20 });
  runtime.engine.setCatalogue(sim.catalogue);
  await s.services.rooms.setProducts(room.id, sim.catalogue);
  const end = t0 + HOURS * 3_600_000;
  let events = 0;
  const loadStart = performance.now();
  for (let t = t0 + 10_000; t <= end; t += 10_000) {
    const batch = sim.advance(t);
    for (let i = 0; i < batch.length; i += 10_000)
      events += (await s.services.pipeline.ingestEvents(runtime, batch.slice(i, i + 10_000), { checkTime: false }))
        .accepted;
  }
  runtime.tick(end + 2000);
  await s.services.writer.flush();
  const loadSec = (performance.now() - loadStart) / 1000;
  const sessions = (
    await s.app.inject({
      url: `/api/rooms/${room.id}/sessions`,
      headers: { authorization: `Bearer ${room.tokens.viewer}` },
    })
  ).json();
  const session = sessions[0] as { id: string; start: number; end: number };
  const seekMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const at = Math.round(session.start + (((i * 7919) % 1000) / 1000) * (session.end - session.start));
    const a = performance.now();
    const res = await s.app.inject({
      url: `/api/sessions/${session.id}/state?at=${at}`,
      headers: { authorization: `Bearer ${room.tokens.viewer}` },
    });
    seekMs.push(performance.now() - a);
    if (res.statusCode !== 200) throw new Error(`seek failed: ${res.body}`);
  }
  seekMs.sort((a, b) => a - b);
  // The naive peer: rebuild the state at the middle of the session from raw events.
  const mid = session.start + (session.end - session.start) / 2;
  const a = performance.now();
  const engine = new RoomEngine(room.id, { tokenizer: { tokenize: () => [], addWords: () => {} } }, sim.catalogue);
  pages: for await (const page of s.services.reader.events(room.id)) {
    for (const e of page) {
      if (e.ts > mid) break pages;
      engine.apply(e);
    }
  }
  engine.advanceTo(mid);
  const naiveMs = performance.now() - a;
  const r0 = performance.now();
  const report = await s.app.inject({
    url: `/api/sessions/${session.id}/report`,
    headers: { authorization: `Bearer ${room.tokens.viewer}` },
  });
  const reportMs = performance.now() - r0;
  if (report.statusCode !== 200) throw new Error(report.body);
  await s.close();
  const p99 = percentile(seekMs, 99);
  return [
    { name: 'session: hours / events / load time s', value: `${HOURS} / ${fmt(events)} / ${fmt(loadSec, 0)}` },
    { name: 'seek p50 (HTTP inject, server time), ms', value: fmt(percentile(seekMs, 50), 2) },
    { name: 'seek p99, ms', value: fmt(p99, 2), target: '≤ 200', pass: p99 <= 200 },
    { name: 'peer: rebuild from raw events to mid-session, ms', value: fmt(naiveMs) },
    { name: 'seek p99 ÷ naive rebuild', value: fmt(p99 / naiveMs, 5) },
    { name: 'report generation (HTTP inject), ms', value: fmt(reportMs) },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows('Replay seek and report', await benchSeek());
}
