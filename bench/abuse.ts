// Abuse: what a token holder can do to everyone else, against the server in its own process. Its RSS and the
// worst /api/health latency (a poller every 10 ms in a third process) while a viewer floods resyncs without
// reading (20 sockets × 100/s), under each hostile body (abuse-bodies.ts), under 8 hostile 16 MiB imports at
// once, and while a valid 16 MiB recording imports; each against the same poller on the idle server in the
// same run. Before issue 9: 252 MB → 3.5 GB in 45 s under the flood; before issue 16: 6 × 16 MiB of `{}\n`
// killed the server (4.6 GB), 16 MiB of `[` stalled it 2.9 s, /events with 5 MB of `{}\n` 872 ms.
import { ADMIN } from '../test/helpers/server.ts';
import { concurrentHostile, hostileBodies, send, underPoller } from './abuse-bodies.ts';
import { startChild } from './child.ts';
import { fmt, type Row } from './lib.ts';
import { createRoomOn, startServerChild } from './server-child.ts';

const VALID_IMPORT_BYTES = 16 * 2 ** 20;

function ndjson(bytes: number): Buffer {
  const out: string[] = [];
  let size = 0;
  const t0 = Date.UTC(2025, 5, 1, 12);
  for (let i = 0; ; i++) {
    const line = JSON.stringify({
      type: 'comment',
      ts: t0 + i * 20,
      id: `i${i}`,
      userId: `u${i % 20000}`,
      text: '主播好美 已拍 多少钱',
    });
    const n = Buffer.byteLength(line) + 1;
    if (size + n > bytes) break;
    out.push(line);
    size += n;
  }
  return Buffer.from(out.join('\n'));
}

export async function benchAbuse(): Promise<Row[]> {
  const server = await startServerChild({ TICK_HZ: '10' });
  const poller = startChild('bench/health-poller.ts', []);
  try {
    const created = await createRoomOn(server.url, 'abuse');
    await fetch(`${server.url}/api/rooms/${created.id}/source`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${created.tokens.controller}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'simulator', seed: 3, peakOnline: 2000, warmupMs: 10 * 60_000 }),
    });
    // The simulator's warm-up (10 simulated minutes at once) and the first requests' compilation settle first.
    await new Promise((r) => setTimeout(r, 5000));
    const rss0 = server.rssMb();
    const idleRun = await underPoller(server, poller, () => new Promise((r) => setTimeout(r, 3000)));
    const idle = idleRun.probe;
    const flood = startChild('bench/abuse-flood.ts', []);
    server.takePeakMb();
    await flood.ask({ cmd: 'start', url: server.url, roomId: created.id, token: created.tokens.viewer, sockets: 20 });
    await poller.ask({ cmd: 'start', url: server.url });
    await new Promise((r) => setTimeout(r, 10_000));
    const underFlood = await poller.ask<{ p50: number; p99: number; max: number }>({ cmd: 'stop' });
    const floodEnd = await flood.ask<{ sent: number; connected: number }>({ cmd: 'stop' });
    flood.kill();
    const floodPeak = server.takePeakMb();

    const hostile = await hostileBodies(server, poller);
    const concurrent = await concurrentHostile(server, poller);

    const body = ndjson(VALID_IMPORT_BYTES);
    const target = await createRoomOn(server.url, 'import');
    server.takePeakMb();
    const url = `${server.url}/api/rooms/${target.id}/import?format=ndjson&speed=0`;
    const valid = await underPoller(server, poller, () => send(url, 'POST', 'application/x-ndjson', ADMIN, body));
    const [imported, importMs, underImport] = [valid.result, valid.ms, valid.probe];
    const importPeak = server.takePeakMb();

    return [
      { name: 'server RSS at start (own process)', value: `${fmt(rss0)} MB` },
      {
        name: 'health idle p50 / p99 / max (server loop max)',
        value: `${fmt(idle.p50, 1)} / ${fmt(idle.p99, 1)} / ${fmt(idle.max)} ms (${fmt(idleRun.loopMs)})`,
      },
      {
        name: 'resync flood: 20 sockets × 100/s, never reading, 10 s',
        value: `${fmt(floodEnd.sent)} sent, ${floodEnd.connected}/20 still connected`,
      },
      {
        name: 'resync flood: health p50 / p99 / max',
        value: `${fmt(underFlood.p50, 1)} / ${fmt(underFlood.p99, 1)} / ${fmt(underFlood.max)} ms`,
      },
      {
        name: 'resync flood: health p99 vs idle',
        value: `${fmt(underFlood.p99 / idle.p99, 1)}×`,
        target: '≤ 5×',
        pass: underFlood.p99 <= 5 * Math.max(idle.p99, 2),
      },
      {
        name: 'resync flood: peak RSS',
        value: `${fmt(floodPeak)} MB`,
        target: '≤ start + 300 MB',
        pass: floodPeak <= rss0 + 300,
      },
      ...hostile,
      ...concurrent,
      {
        name: `valid 16 MiB NDJSON import: answer, events, time`,
        value: `${imported.status}, ${fmt(imported.total ?? 0)} in ${fmt(importMs / 1000, 1)} s`,
      },
      {
        name: 'valid 16 MiB import: health p50 / p99 / max (server loop max)',
        value: `${fmt(underImport.p50, 1)} / ${fmt(underImport.p99, 1)} / ${fmt(underImport.max)} ms (${fmt(valid.loopMs)})`,
        target: 'max ≤ 100 ms',
        pass: underImport.max <= 100,
      },
      {
        name: 'valid 16 MiB import: peak RSS',
        value: `${fmt(importPeak)} MB`,
        target: '≤ start + 300 MB',
        pass: importPeak <= rss0 + 300,
      },
      {
        name: 'server alive at the end; kernel peak RSS (VmHWM)',
        value: `${!server.exited()}, ${fmt(server.hwmMb())} MB`,
        pass: !server.exited(),
      },
    ];
  } finally {
    poller.kill();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printRows } = await import('./lib.ts');
  printRows('Abuse', await benchAbuse());
}
