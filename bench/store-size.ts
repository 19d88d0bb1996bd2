// Store size per 4-hour session: a simulated session at a given peak (default the demo's 400 online, and a
// bigger room) is stored through the real pipeline, with a tick's stored state at the default tick rate, then the SQLite file is measured after a
// WAL checkpoint (the store's close), with its online backup (VACUUM INTO, compacted). Figures for sizing disks and RETENTION_DAYS
// in docs/DEPLOY.md; no peer to compare against, so they are context only.
// Run alone: npx tsx bench/store-size.ts   (BENCH_STORE_PEAKS=400,2200 BENCH_STORE_HOURS=4)
import fs from 'node:fs';
import path from 'node:path';
import { createSimulator } from '../server/sources/simulator/simulator.ts';
import { backupStore } from '../server/storage/backup.ts';
import { DEFAULT_TICK_HZ } from '../shared/constants.ts';
import { createRoom, tempDir } from '../test/helpers/server.ts';
import { fmt, printRows, type Row, startServer } from './lib.ts';

const HOURS = Number(process.env.BENCH_STORE_HOURS ?? 4);
const PEAKS = (process.env.BENCH_STORE_PEAKS ?? '400,2200').split(',').map(Number);
const MB = 1024 * 1024;
const TICK_MS = Math.round(1000 / DEFAULT_TICK_HZ);

async function oneSession(peak: number): Promise<Row[]> {
  const dataDir = tempDir('store-size-');
  const s = await startServer({ autoTick: false, listen: false, dataDir });
  const room = await createRoom(s, `store-size-${peak}`);
  const runtime = (await s.services.runtime(room.id))!;
  const t0 = Date.UTC(2026, 0, 1, 12);
  const sim = createSimulator({ seed: 11, startTs: t0, peakOnline: peak, productCount: 20 });
  runtime.engine.setCatalogue(sim.catalogue);
  await s.services.rooms.setProducts(room.id, sim.catalogue);
  const end = t0 + HOURS * 3_600_000;
  let events = 0;
  // Live order: the events of each tick interval arrive, then the tick stores the state the screens got.
  for (let t = t0 + TICK_MS; t <= end; t += TICK_MS) {
    const batch = sim.advance(t);
    if (batch.length > 0)
      events += (await s.services.pipeline.ingestEvents(runtime, batch, { checkTime: false })).accepted;
    const msg = runtime.tick(t);
    s.services.writer.putTick(room.id, msg.state.ts, msg.seq, JSON.stringify(msg.state));
  }
  // Closing the store's last connection checkpoints the WAL into the file, so the file holds everything.
  await s.close();
  const file = fs.statSync(path.join(dataDir, 'console.db')).size;
  const backup = backupStore(dataDir, path.join(tempDir('store-size-backup-'), 'b.db')).bytes;
  return [
    { name: `peak ${peak}: events in ${HOURS} h`, value: fmt(events) },
    { name: `peak ${peak}: store file, MB`, value: fmt(file / MB, 1) },
    { name: `peak ${peak}: bytes per event`, value: fmt(file / events) },
    { name: `peak ${peak}: online backup (compacted), MB`, value: fmt(backup / MB, 1) },
  ];
}

export async function benchStoreSize(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const peak of PEAKS) rows.push(...(await oneSession(peak)));
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows(`Store size per ${HOURS}-hour session`, await benchStoreSize());
}
