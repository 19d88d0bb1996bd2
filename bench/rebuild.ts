// Restart of a 4-hour room: time to its first state from the latest checkpoint plus its tail, against the
// full replay of every event (the peer, same stored room, same run), and how long /api/health waits meanwhile.
// The room is a simulated 4-hour stream written straight to the store; the checkpoint's tail is the worst the
// cadence allows (CHECKPOINT_EVERY_EVENTS events after the checkpoint). Health is asked in a loop from this
// process over real HTTP, so every wait the rebuild imposes on the event loop shows in its latency. Each
// restart runs in a fresh process (as a real restart does: no heap left over from writing the room).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { CHECKPOINT_EVERY_EVENTS } from '../server/rooms/room-checkpoint.ts';
import { createSimulator } from '../server/sources/simulator/simulator.ts';
import type { LiveEvent } from '../shared/events.ts';
import { createRoom, tempDir } from '../test/helpers/server.ts';
import { fmt, percentile, type Row, startServer } from './lib.ts';

const HOURS = Number(process.env.BENCH_REBUILD_HOURS ?? 4);
const PEAK_ONLINE = Number(process.env.BENCH_REBUILD_PEAK ?? 1_300);

interface Restart {
  firstStateMs: number;
  health: number[];
  fromCheckpoint: boolean;
  replayed: number;
}

/** Starts a server on the data dir, opens the room and measures until its first state, asking health meanwhile. */
async function restart(dataDir: string, roomId: string): Promise<Restart> {
  const s = await startServer({ dataDir, tickHz: 10 });
  try {
    const started = performance.now();
    const runtime = (await s.services.runtime(roomId))!;
    const progress = s.services.registry.rebuildProgress(roomId);
    let ready = !runtime.rebuilding;
    const done = s.services.registry.ready(runtime).then(() => {
      ready = true;
    });
    const health: number[] = [];
    while (!ready) {
      const t = performance.now();
      await fetch(`${s.url}/api/health`).then((r) => r.text());
      health.push(performance.now() - t);
    }
    await done;
    const firstStateMs = performance.now() - started;
    return { firstStateMs, health, fromCheckpoint: progress?.fromCheckpoint ?? true, replayed: progress?.done ?? 0 };
  } finally {
    await s.close();
  }
}

function restartInChild(dataDir: string, roomId: string): Restart {
  const args = ['--expose-gc', '--import', 'tsx', 'bench/rebuild.ts', '--restart', dataDir, roomId];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as Restart;
}

function healthRow(name: string, r: Restart): Row {
  const sorted = [...r.health].sort((a, b) => a - b);
  const p99 = sorted.length ? percentile(sorted, 99) : 0;
  const max = sorted.length ? sorted[sorted.length - 1]! : 0;
  return { name, value: `${fmt(p99)} / ${fmt(max)} (${sorted.length})`, target: 'p99 ≤ 100', pass: p99 <= 100 };
}

export async function benchRebuild(): Promise<Row[]> {
  const dataDir = tempDir();
  const first = await startServer({ dataDir, autoTick: false, listen: false });
  const room = await createRoom(first, 'bench-rebuild');
  const t0 = Date.UTC(2026, 10, 1, 12);
  const sim = createSimulator({ seed: 3, startTs: t0, peakOnline: PEAK_ONLINE, productCount: 20 });
  await first.services.rooms.setProducts(room.id, sim.catalogue);
  const events: LiveEvent[] = [];
  for (let t = t0 + 10_000; t <= t0 + HOURS * 3_600_000; t += 10_000) events.push(...sim.advance(t));
  const held = events.splice(events.length - CHECKPOINT_EVERY_EVENTS);
  for (let i = 0; i < events.length; i += 20_000)
    await first.services.writer.append(room.id, events.slice(i, i + 20_000));
  await first.close();

  // No checkpoint yet: the full replay (it leaves one at its end), then the tail arrives while the room is away.
  const full = restartInChild(dataDir, room.id);
  const again = await startServer({ dataDir, autoTick: false, listen: false });
  for (let i = 0; i < held.length; i += 20_000) await again.services.writer.append(room.id, held.slice(i, i + 20_000));
  await again.close();
  const fromCp = restartInChild(dataDir, room.id);

  const total = events.length + held.length;
  return [
    { name: `stored events (${HOURS} h, peak online ${fmt(PEAK_ONLINE)})`, value: fmt(total) },
    { name: 'first state, full replay (peer), ms', value: fmt(full.firstStateMs) },
    { name: `first state, checkpoint + ${fmt(fromCp.replayed)} tail, ms`, value: fmt(fromCp.firstStateMs) },
    {
      // The issue measured 13.4 s for the full replay of a 4-hour room and asks ≤ 1 s: a ratio of 0.075, judged
      // here because absolute times on a shared machine say more about its load than about the code.
      name: 'ratio checkpoint / full replay',
      value: fmt(fromCp.firstStateMs / full.firstStateMs, 3),
      target: '≤ 0.075',
      pass: fromCp.fromCheckpoint && fromCp.firstStateMs / full.firstStateMs <= 0.075,
    },
    { name: 'load average (1 min) at the end, 2 cores', value: fmt(os.loadavg()[0]!, 1) },
    healthRow('health p99 / max ms (n) during full replay', full),
    healthRow('health p99 / max ms (n) during checkpoint rebuild', fromCp),
  ];
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--restart') {
  console.log(JSON.stringify(await restart(process.argv[3]!, process.argv[4]!)));
}
