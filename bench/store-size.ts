// Store size per session: a simulated session at a given peak (default the demo's 400 online, and a bigger
// room) is stored through the real pipeline and delivered by the real ticker on a fake clock, change-driven as
// live (an update within MIN_UPDATE_GAP_MS of each batch, a heartbeat at the default tick rate otherwise), so
// each update's tick frame is stored as the screens got it. The SQLite file is measured after a WAL checkpoint
// (the store's close), with its online backup (VACUUM INTO, compacted). Peer, same run: the bytes the same
// updates would take stored as whole states (how ticks were stored before frames). Then replay seeks inside
// the live stretch, which rebuild a moment from its keyframe and patches. Figures for sizing disks and
// RETENTION_DAYS in docs/DEPLOY.md.
// Run alone: npx tsx bench/store-size.ts   (BENCH_STORE_PEAKS=400,2200 BENCH_STORE_HOURS=1)
import fs from 'node:fs';
import path from 'node:path';
import { createSimulator } from '../server/sources/simulator/simulator.ts';
import { backupStore } from '../server/storage/backup.ts';
import { openDatabase } from '../server/storage/sqlite/db.ts';
import { DEFAULT_TICK_HZ, MIN_UPDATE_GAP_MS } from '../shared/constants.ts';
import { createRoom, FakeClock, tempDir } from '../test/helpers/server.ts';
import { fmt, percentile, printRows, type Row, startServer } from './lib.ts';

const HOURS = Number(process.env.BENCH_STORE_HOURS ?? 1);
const PEAKS = (process.env.BENCH_STORE_PEAKS ?? '400,2200').split(',').map(Number);
const MB = 1024 * 1024;
const HEARTBEAT_MS = Math.round(1000 / DEFAULT_TICK_HZ);

async function oneSession(peak: number): Promise<Row[]> {
  const dataDir = tempDir('store-size-');
  const t0 = Date.UTC(2026, 0, 1, 12);
  const clock = new FakeClock(t0);
  const s = await startServer({ autoTick: false, listen: false, dataDir, clock });
  const room = await createRoom(s, `store-size-${peak}`);
  const runtime = (await s.services.runtime(room.id))!;
  const sim = createSimulator({ seed: 11, startTs: t0, peakOnline: peak, productCount: 20 });
  runtime.engine.setCatalogue(sim.catalogue);
  await s.services.rooms.setProducts(room.id, sim.catalogue);
  let [frameBytes, wholeBytes, updates, events, lastUpdate] = [0, 0, 0, 0, t0];
  const putTick = s.services.writer.putTick.bind(s.services.writer);
  s.services.writer.putTick = (roomId, frame) => {
    frameBytes += frame.body.length;
    updates++;
    putTick(roomId, frame);
  };
  const end = t0 + HOURS * 3_600_000;
  for (let t = t0 + MIN_UPDATE_GAP_MS; t <= end; t += MIN_UPDATE_GAP_MS) {
    clock.t = t;
    const batch = sim.advance(t);
    if (batch.length > 0)
      events += (await s.services.pipeline.ingestEvents(runtime, batch, { checkTime: false })).accepted;
    if (batch.length === 0 && t - lastUpdate < HEARTBEAT_MS) continue;
    s.ticker.tickAll();
    wholeBytes += JSON.stringify(s.ticker.screenState(runtime)).length;
    lastUpdate = t;
  }
  await s.services.writer.flush();
  const seekMs: number[] = [];
  for (let i = 0; i < 300; i++) {
    const at = t0 + 60_000 + Math.round((((i * 7919) % 1000) / 1000) * (end - t0 - 60_000));
    const a = performance.now();
    if (!(await s.services.reader.screenAt(room.id, at))) throw new Error(`no screen at ${at}`);
    seekMs.push(performance.now() - a);
  }
  seekMs.sort((a, b) => a - b);
  // Closing the store's last connection checkpoints the WAL into the file, so the file holds everything.
  await s.close();
  const file = fs.statSync(path.join(dataDir, 'console.db')).size;
  const backup = backupStore(dataDir, path.join(tempDir('store-size-backup-'), 'b.db')).bytes;
  const p = `peak ${peak}, ${HOURS} h`;
  return [
    ...tableSizes(dataDir).map(([name, bytes]) => ({
      name: `${p}: table ${name} with its indexes, MB`,
      value: fmt(bytes / MB, 1),
    })),
    { name: `${p}: events / updates stored`, value: `${fmt(events)} / ${fmt(updates)}` },
    { name: `${p}: store file, MB`, value: fmt(file / MB, 1) },
    { name: `${p}: online backup (compacted), MB`, value: fmt(backup / MB, 1) },
    { name: `${p}: tick frames, MB (patches + keyframes)`, value: fmt(frameBytes / MB, 1) },
    { name: `${p}: peer: the same updates as whole states, MB`, value: fmt(wholeBytes / MB, 1) },
    { name: `${p}: whole states ÷ frames`, value: fmt(wholeBytes / frameBytes, 1) },
    {
      name: `${p}: replay seek into the live stretch p50 / p99, ms`,
      value: `${fmt(percentile(seekMs, 50), 2)} / ${fmt(percentile(seekMs, 99), 2)}`,
    },
  ];
}

/** Pages each table and its indexes hold in the file (SQLite's dbstat), largest first. */
function tableSizes(dataDir: string): [string, number][] {
  const db = openDatabase(dataDir);
  const rows = db
    .prepare(
      `SELECT COALESCE(m.tbl_name, s.name) AS name, SUM(s.pgsize) AS bytes FROM dbstat s
       LEFT JOIN sqlite_schema m ON m.name = s.name GROUP BY 1 ORDER BY 2 DESC LIMIT 4`,
    )
    .all() as { name: string; bytes: number }[];
  db.close();
  return rows.map((r) => [r.name, r.bytes]);
}

export async function benchStoreSize(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const peak of PEAKS) rows.push(...(await oneSession(peak)));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows(`Store size per ${HOURS}-hour session`, await benchStoreSize());
}
