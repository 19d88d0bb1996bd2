// npm run bench truth: a session's headline against the truth counted from the recording itself, after the
// recording is imported in 1, 3 and 9 consecutive parts (issue 16 measured 10–60 % of the truth), and after
// kill -9 during each part of an import (the part sent again after the restart). A simulated hour of the
// `realistic` family (npm run stream), BENCH_TRUTH_ONLINE viewers at peak (default 500: the whole file stays
// under the import body limit); the earlier session of the repeat stream is a second session to check.
import { type ChildProcess, spawn } from 'node:child_process';
import { planStream } from '../server/sources/simulator/families.ts';
import { createSimulator } from '../server/sources/simulator/simulator.ts';
import { SESSION_GAP_MS } from '../shared/constants.ts';
import { tempDir } from '../test/helpers/server.ts';
import { type Row, startServer } from './lib.ts';

const ADMIN = 'test-admin-token-0123456789';
const FIGURES = ['comments', 'orders', 'gmv', 'paid', 'cumulativeViewers', 'peakOnline'] as const;
type Figures = Record<(typeof FIGURES)[number], number>;
type Ev = { type: string; ts: number } & Record<string, unknown>;

function recording(online: number): Ev[] {
  const plan = planStream(3, { family: 'realistic', peakOnline: online, durationMin: 60 });
  const out: Ev[] = [];
  for (const opts of [plan.previous, plan.options]) {
    if (!opts) continue;
    const sim = createSimulator(opts);
    for (let t = opts.startTs + 60_000; ; t += 60_000) {
      out.push(...(sim.advance(t) as Ev[]));
      if (t >= opts.startTs + (opts.durationMs ?? 0) + 20 * 60_000) break;
    }
  }
  return out;
}

/** Per session (a run without a gap over SESSION_GAP_MS), the figures counted here, not by the engine. */
function truth(events: Ev[]): Figures[] {
  const sessions: Ev[][] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ts - last > SESSION_GAP_MS) sessions.push([]);
    sessions[sessions.length - 1]!.push(e);
    last = e.ts;
  }
  return sessions.map((s) => {
    const online = new Set<unknown>();
    const seen = new Set<unknown>();
    const orders = new Map<unknown, number>();
    const paid = new Map<unknown, number>();
    let peakOnline = 0;
    let comments = 0;
    for (const e of s) {
      if (e.type === 'viewer_enter') {
        online.add(e.userId);
        seen.add(e.userId);
        peakOnline = Math.max(peakOnline, online.size);
      } else if (e.type === 'viewer_leave') online.delete(e.userId);
      else if (e.type === 'comment') comments++;
      else if (e.type === 'order_created' && !orders.has(e.orderId)) orders.set(e.orderId, e.amount as number);
      else if (e.type === 'order_paid' && !paid.has(e.orderId)) paid.set(e.orderId, e.amount as number);
    }
    const sum = (m: Map<unknown, number>) => Math.round([...m.values()].reduce((a, b) => a + b, 0) * 100) / 100;
    return {
      comments,
      orders: orders.size,
      gmv: sum(orders),
      paid: sum(paid),
      cumulativeViewers: seen.size,
      peakOnline,
    };
  });
}

const auth = { authorization: `Bearer ${ADMIN}` };

function importPart(url: string, roomId: string, lines: string[]) {
  return fetch(`${url}/api/rooms/${roomId}/import?format=ndjson&speed=0`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/x-ndjson' },
    body: lines.join('\n'),
  });
}

async function createRoom(url: string): Promise<string> {
  const res = await fetch(`${url}/api/rooms`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: '{}',
  });
  return ((await res.json()) as { id: string }).id;
}

/** Figures that differ between the headlines and the truth (a missing session counts all its figures). */
async function differences(url: string, roomId: string, want: Figures[]) {
  const sessions = (await (await fetch(`${url}/api/rooms/${roomId}/sessions`, { headers: auth })).json()) as {
    headline: Figures | null;
  }[];
  let n = Math.abs(sessions.length - want.length) * FIGURES.length;
  const worst = { share: 1 };
  want.forEach((w, i) => {
    const got = sessions[i]?.headline;
    for (const f of FIGURES) {
      if (got?.[f] !== w[f]) n++;
      if (w[f] > 0) worst.share = Math.min(worst.share, (got?.[f] ?? 0) / w[f]);
    }
  });
  return { n, worstShare: worst.share };
}

const split = (lines: string[], parts: number) =>
  Array.from({ length: parts }, (_, i) =>
    lines.slice(Math.floor((i * lines.length) / parts), Math.floor(((i + 1) * lines.length) / parts)),
  );

async function inParts(lines: string[], want: Figures[]): Promise<Row[]> {
  const s = await startServer();
  const rows: Row[] = [];
  try {
    for (const parts of [1, 3, 9]) {
      const roomId = await createRoom(s.url);
      let refused = 0;
      for (const part of split(lines, parts)) if (!(await importPart(s.url, roomId, part)).ok) refused++;
      const d = await differences(s.url, roomId, want);
      rows.push({
        name: `${parts} part(s): headline figures ≠ truth`,
        value: refused > 0 ? `${refused} part(s) refused` : String(d.n),
        target: '0',
        pass: refused === 0 && d.n === 0,
      });
      rows.push({
        name: `${parts} part(s): lowest headline share of the truth`,
        value: `${Math.round(d.worstShare * 100)} %`,
      });
    }
  } finally {
    await s.close();
  }
  return rows;
}

function startProcess(dataDir: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.once('exit', () => reject(new Error(`server exited before listening: ${out}`)));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!.replace('localhost', '127.0.0.1'), proc });
    });
  });
}

const kill = (proc: ChildProcess) =>
  new Promise<void>((done) => {
    proc.removeAllListeners('exit');
    proc.once('exit', () => done());
    proc.kill('SIGKILL');
  });

/** Each of 3 parts killed while it is being stored, the server restarted and the part sent again. */
async function throughKills(lines: string[], want: Figures[]): Promise<Row[]> {
  const dataDir = tempDir('truth-kills-');
  let server = await startProcess(dataDir);
  const roomId = await createRoom(server.url);
  let mismatches = 0;
  const state = async () =>
    (await (await fetch(`${server.url}/api/rooms/${roomId}/state`, { headers: auth })).json()) as Figures;
  try {
    for (const part of split(lines, 3)) {
      const before = (await state()).comments;
      const sent = importPart(server.url, roomId, part).catch(() => null);
      while ((await state()).comments <= before);
      await kill(server.proc);
      await sent;
      server = await startProcess(dataDir);
      // Right after the restart: the headline of the current session against the state.
      const sessions = (await (
        await fetch(`${server.url}/api/rooms/${roomId}/sessions`, { headers: auth })
      ).json()) as {
        headline: Figures;
      }[];
      const st = await state();
      for (const f of FIGURES) if (sessions.at(-1)?.headline[f] !== st[f]) mismatches++;
      await importPart(server.url, roomId, part);
    }
    const d = await differences(server.url, roomId, want);
    return [
      {
        name: '3 kills: headline ≠ state right after a restart',
        value: String(mismatches),
        target: '0',
        pass: mismatches === 0,
      },
      { name: '3 kills: headline figures ≠ truth at the end', value: String(d.n), target: '0', pass: d.n === 0 },
    ];
  } finally {
    await kill(server.proc);
  }
}

export async function benchSessionTruth(): Promise<Row[]> {
  const online = Number(process.env.BENCH_TRUTH_ONLINE ?? 500);
  const events = recording(online);
  const lines = events.map((e) => JSON.stringify(e));
  const want = truth(events);
  const mb = lines.reduce((n, l) => n + l.length + 1, 0) / 1e6;
  return [
    { name: `recording: events (${online} online, ${want.length} sessions)`, value: String(events.length) },
    { name: 'recording: NDJSON MB', value: mb.toFixed(1) },
    ...(await inParts(lines, want)),
    ...(await throughKills(lines, want)),
  ];
}
