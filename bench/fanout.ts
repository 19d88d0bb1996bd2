// Fan-out: socket.io tick delivery (our real /live namespace and ticker) against a plain `ws` server
// broadcasting the same payload at the same rate, in frames delivered per server CPU-second; then the p99
// ingest-to-screen latency at 5,000 barrage/s with 200 screens. Clients run in a second process.
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { createRoom } from '../test/helpers/server.ts';
import { barrage, fmt, percentile, printRows, type Row, startServer } from './lib.ts';

const TICK_HZ = 10;
const WINDOW_MS = 6_000;

function startClients(
  args: string[],
): Promise<{ child: ChildProcess; stop: () => Promise<{ frames: number; firstSeen: [number, number][] }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout-clients.ts', ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready\n') && !out.includes('{')) {
        out = '';
        resolve({
          child,
          stop: () =>
            new Promise((done) => {
              child.stdout!.on('data', () => {
                const line = out
                  .trim()
                  .split('\n')
                  .find((l) => l.startsWith('{'));
                if (line) done(JSON.parse(line));
              });
              child.stdin!.write('stop\n');
            }),
        });
      }
    });
  });
}

async function measure(args: string[], during?: () => Promise<void>) {
  const clients = await startClients(args);
  clients.child.stdin!.write('start\n');
  const cpu0 = process.cpuUsage();
  await (during ? during() : new Promise((r) => setTimeout(r, WINDOW_MS)));
  const cpu = process.cpuUsage(cpu0);
  const result = await clients.stop();
  return { ...result, cpuSec: (cpu.user + cpu.system) / 1e6 };
}

async function wsPeer(payload: string, n: number) {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const timer = setInterval(() => {
    for (const c of wss.clients) c.send(payload);
  }, 1000 / TICK_HZ);
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const r = await measure(['ws', url, String(n)]);
  clearInterval(timer);
  wss.close();
  server.close();
  return r;
}

export async function benchFanout(): Promise<Row[]> {
  const s = await startServer({ tickHz: TICK_HZ });
  const room = await createRoom(s, 'bench-fanout');
  const rt = s.services.runtime(room.id)!;
  await s.services.pipeline.ingestEvents(rt, barrage(20_000, Date.now(), 5000, 'w'), { checkTime: false });
  const payload = JSON.stringify(rt.tick(Date.now()));

  const sio = await measure(['sio', s.url, '500', room.id, room.tokens.viewer]);
  const ws = await wsPeer(payload, 500);
  const sioRate = sio.frames / sio.cpuSec;
  const wsRate = ws.frames / ws.cpuSec;

  // Latency: 5,000 barrage/s as 100-event POSTs every 20 ms; a batch is on screen when a tick's comment
  // total first covers it.
  const base = (await (
    await fetch(`${s.url}/api/rooms/${room.id}/state`, { headers: { authorization: `Bearer ${room.tokens.viewer}` } })
  ).json()) as { comments: number };
  const sent: { total: number; at: number }[] = [];
  let total = base.comments;
  const push = async () => {
    const end = Date.now() + WINDOW_MS;
    let i = 0;
    while (Date.now() < end) {
      const next = Date.now() + 20;
      const body = JSON.stringify(barrage(100, Date.now(), 5000, `l${i++}-`));
      const at = Date.now();
      await fetch(`${s.url}/api/rooms/${room.id}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${room.tokens.ingest}`, 'content-type': 'application/json' },
        body,
      });
      total += 100;
      sent.push({ total, at });
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
    await new Promise((r) => setTimeout(r, 500));
  };
  const lat = await measure(['sio', s.url, '200', room.id, room.tokens.viewer], push);
  await s.close();
  const seen = lat.firstSeen.sort((a, b) => a[0] - b[0]);
  const latencies: number[] = [];
  let j = 0;
  for (const batch of sent) {
    while (j < seen.length && seen[j]![0] < batch.total) j++;
    if (j < seen.length) latencies.push(seen[j]![1] - batch.at);
  }
  latencies.sort((a, b) => a - b);
  const p99 = percentile(latencies, 99);
  const rate = (sent.length * 100) / (WINDOW_MS / 1000);
  return [
    { name: `tick payload bytes`, value: fmt(payload.length) },
    { name: 'socket.io → 500 clients, frames per server CPU-s', value: fmt(sioRate) },
    { name: 'plain ws → 500 clients, frames per server CPU-s', value: fmt(wsRate) },
    { name: 'socket.io ÷ ws', value: fmt(sioRate / wsRate, 2), target: '≥ 0.7', pass: sioRate / wsRate >= 0.7 },
    { name: 'barrage pushed during latency run, events/s', value: fmt(rate) },
    { name: `ingest→screen latency p50 (200 clients, ${TICK_HZ} Hz), ms`, value: fmt(percentile(latencies, 50)) },
    { name: `ingest→screen latency p99, ms`, value: fmt(p99), target: '≤ 150', pass: p99 <= 150 },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows('Fan-out', await benchFanout());
}
