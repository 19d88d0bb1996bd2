// Hostile request bodies against the server in its own process: for each, the worst /api/health latency
// while it is sent and answered (a poller in a third process, every 10 ms), its answer, and the server's peak
// RSS; then 8 hostile 16 MiB imports at once, into 8 rooms and into one. Bodies are built before the poller
// starts, so the bench's own work never shows up as the server's stall.
import { request } from 'node:http';
import { ADMIN } from '../test/helpers/server.ts';
import type { Child } from './child.ts';
import { fmt, type Row } from './lib.ts';
import { createRoomOn, type ServerChild } from './server-child.ts';

const MIB = 2 ** 20;
const GAP_TARGET_MS = 100;

export interface Answer {
  status: number;
  code: string;
  total?: number;
}

/** One request with the body as bytes (content-length set), its status and error code or import total. */
export function send(url: string, method: string, type: string, token: string, body: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method, headers: { authorization: `Bearer ${token}`, 'content-type': type, 'content-length': body.length } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          text += d.toString();
        });
        res.on('end', () => {
          let json: { code?: string; total?: number } = {};
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({
            status: res.statusCode ?? 0,
            code: json.code ?? 'ok',
            ...(json.total !== undefined ? { total: json.total } : {}),
          });
        });
      },
    );
    req.on('error', (err) => resolve({ status: 0, code: (err as NodeJS.ErrnoException).code ?? err.message }));
    req.end(body);
  });
}

interface Case {
  name: string;
  path: (roomId: string) => string;
  method?: string;
  type: string;
  body: () => Buffer;
}

const imp = (format: string) => (id: string) => `/api/rooms/${id}/import?format=${format}&speed=0`;
const CASES: Case[] = [
  {
    name: 'import: 16 MiB of \\n',
    path: imp('ndjson'),
    type: 'application/x-ndjson',
    body: () => Buffer.alloc(16 * MIB, 0x0a),
  },
  {
    name: 'import: 16 MiB of [',
    path: imp('ndjson'),
    type: 'application/x-ndjson',
    body: () => Buffer.alloc(16 * MIB, 0x5b),
  },
  {
    name: 'import: {}\\n × 5,592,400 (16 MiB)',
    path: imp('ndjson'),
    type: 'application/x-ndjson',
    body: () => Buffer.from('{}\n'.repeat(5_592_400)),
  },
  {
    name: 'import: 1 valid line, then {}\\n × 5,592,400',
    path: imp('ndjson'),
    type: 'application/x-ndjson',
    body: () => Buffer.from(`{"type":"like","ts":${Date.UTC(2025, 0, 1)},"count":1}\n${'{}\n'.repeat(5_592_400)}`),
  },
  {
    name: 'import XML: <d p=" + 16 MiB unclosed',
    path: imp('bilibili-xml'),
    type: 'application/xml',
    body: () => Buffer.from(`<i><d p="${'1'.repeat(16 * MIB)}`),
  },
  {
    name: '/events: {}\\n × 1.7 M (5 MB)',
    path: (id) => `/api/rooms/${id}/events`,
    type: 'application/x-ndjson',
    body: () => Buffer.from('{}\n'.repeat(1_747_000)),
  },
  {
    name: '/events: 5 MB of [ as JSON',
    path: (id) => `/api/rooms/${id}/events`,
    type: 'application/json',
    body: () => Buffer.alloc(5 * 10 ** 6, 0x5b),
  },
  {
    name: 'alert-rules: 1 MiB of [',
    method: 'PUT',
    path: (id) => `/api/rooms/${id}/alert-rules`,
    type: 'application/json',
    body: () => Buffer.alloc(MIB - 16, 0x5b),
  },
];

export async function underPoller<T>(server: ServerChild, poller: Child, work: () => Promise<T>) {
  await server.loopMaxMs();
  await poller.ask({ cmd: 'start', url: server.url });
  const t = performance.now();
  const result = await work();
  const ms = performance.now() - t;
  const probe = await poller.ask<{ max: number; p50: number; p99: number }>({ cmd: 'stop' });
  return { result, ms, probe, loopMs: await server.loopMaxMs() };
}

const gap = (probe: { max: number }, loopMs: number) => `${fmt(probe.max)} ms (loop ${fmt(loopMs)})`;

export async function hostileBodies(server: ServerChild, poller: Child): Promise<Row[]> {
  const rows: Row[] = [];
  const room = await createRoomOn(server.url, 'hostile');
  for (const c of CASES) {
    const body = c.body();
    server.takePeakMb();
    const { result, ms, probe, loopMs } = await underPoller(server, poller, () =>
      send(
        `${server.url}${c.path(room.id)}`,
        c.method ?? 'POST',
        c.type,
        c.path(room.id).includes('/events') ? room.tokens.ingest! : ADMIN,
        body,
      ),
    );
    rows.push({
      name: `${c.name}: worst health gap`,
      value: gap(probe, loopMs),
      target: `≤ ${GAP_TARGET_MS} ms`,
      pass: probe.max <= GAP_TARGET_MS,
    });
    rows.push({
      name: `${c.name}: answer, time, peak RSS`,
      value: `${result.status} ${result.code}${result.total !== undefined ? ` (${fmt(result.total)} lines)` : ''}, ${fmt(ms / 1000, 1)} s, ${fmt(server.takePeakMb())} MB`,
    });
  }
  return rows;
}

/** 8 hostile 16 MiB bodies at once, into 8 rooms (4 run, 4 wait) and into one room (1 runs, 7 refused). */
export async function concurrentHostile(server: ServerChild, poller: Child): Promise<Row[]> {
  const body = Buffer.from('{}\n'.repeat(5_592_400));
  const rooms = await Promise.all(Array.from({ length: 8 }, (_, i) => createRoomOn(server.url, `hostile-${i}`)));
  const rows: Row[] = [];
  const rss0 = server.rssMb();
  for (const [label, ids] of [
    ['8 rooms', rooms.map((r) => r.id)],
    ['one room', rooms.map(() => rooms[0]!.id)],
  ] as const) {
    server.takePeakMb();
    const { result, ms, probe, loopMs } = await underPoller(server, poller, () =>
      Promise.all(
        ids.map((id) => send(`${server.url}${imp('ndjson')(id)}`, 'POST', 'application/x-ndjson', ADMIN, body)),
      ),
    );
    const peak = server.takePeakMb();
    const tally = new Map<string, number>();
    for (const a of result) tally.set(`${a.status} ${a.code}`, (tally.get(`${a.status} ${a.code}`) ?? 0) + 1);
    rows.push({
      name: `8 × {}\\n 16 MiB imports at once, ${label}: peak RSS`,
      value: `${fmt(peak)} MB`,
      target: `alive, ≤ start + 300 MB (start ${fmt(rss0)} MB)`,
      pass: !server.exited() && peak <= rss0 + 300,
    });
    rows.push({
      name: `… ${label}: answers, time`,
      value: `${[...tally].map(([k, n]) => `${n}× ${k}`).join(', ')}; ${fmt(ms / 1000, 1)} s`,
    });
    rows.push({
      name: `… ${label}: worst health gap`,
      value: gap(probe, loopMs),
      target: `≤ ${GAP_TARGET_MS} ms`,
      pass: probe.max <= GAP_TARGET_MS,
    });
  }
  return rows;
}
