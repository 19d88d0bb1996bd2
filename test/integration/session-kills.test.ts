// Issue 16, point 1: the session headline equals the room state after a SIGKILL during ingest. A recording is
// imported in parts into a real server process; each part is cut short by kill -9 while it is being stored,
// the server restarts on the same data, the headline is compared with the state, and the part is sent again
// (its ids make that idempotent). At the end the figures equal the truth counted from the file, also once a
// later session has begun and the first one is read from its stored states alone.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/server.ts';

const ADMIN = 'session-kills-admin-token-1234';
const T0 = Date.UTC(2025, 4, 1, 20);
const PARTS = 3;
const PER_PART = 8000;

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
});

function start(dataDir: string): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve(m[1]!.replace('localhost', '127.0.0.1'));
    });
  });
}

function kill(): Promise<void> {
  const proc = child!;
  return new Promise((done) => {
    proc.once('exit', () => done());
    proc.kill('SIGKILL');
  });
}

/** One session: comments, orders (half of them paid) and viewers entering, 150 ms apart, each with an id. */
function recording(): Record<string, unknown>[][] {
  const parts: Record<string, unknown>[][] = [];
  for (let p = 0; p < PARTS; p++) {
    const part: Record<string, unknown>[] = [];
    for (let i = 0; i < PER_PART; i++) {
      const n = p * PER_PART + i;
      const ts = T0 + n * 150;
      if (n % 10 === 0) part.push({ id: `e${n}`, type: 'viewer_enter', ts, userId: `u${n % 997}` });
      else if (n % 25 === 1) {
        part.push({ id: `o${n}`, type: 'order_created', ts, orderId: `o${n}`, productId: 'p1', amount: 20 });
        if (n % 2 === 1) part.push({ id: `p${n}`, type: 'order_paid', ts: ts + 1, orderId: `o${n}`, amount: 20 });
      } else part.push({ id: `c${n}`, type: 'comment', ts, userId: `u${n % 331}`, text: '好看' });
    }
    parts.push(part);
  }
  return parts;
}

function truth(events: Record<string, unknown>[]) {
  const count = (type: string) => events.filter((e) => e.type === type).length;
  return {
    comments: count('comment'),
    orders: count('order_created'),
    gmv: count('order_created') * 20,
    paid: count('order_paid') * 20,
    cumulativeViewers: new Set(events.filter((e) => e.type === 'viewer_enter').map((e) => e.userId)).size,
  };
}

async function get(url: string, path: string) {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return res.json();
}

const importPart = (url: string, roomId: string, part: unknown[]) =>
  fetch(`${url}/api/rooms/${roomId}/import?format=ndjson&speed=0`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-ndjson' },
    body: part.map((e) => JSON.stringify(e)).join('\n'),
  });

const pick = (x: Record<string, number>) => ({
  comments: x.comments,
  orders: x.orders,
  gmv: x.gmv,
  paid: x.paid,
  cumulativeViewers: x.cumulativeViewers,
});

async function headlineAndState(url: string, roomId: string) {
  const sessions = (await get(url, `/api/rooms/${roomId}/sessions`)) as { headline: Record<string, number> }[];
  const state = (await get(url, `/api/rooms/${roomId}/state`)) as Record<string, number>;
  return { sessions, headline: pick(sessions[0]!.headline), state: pick(state) };
}

describe('session figures through kills during ingest', () => {
  it('give the headline the state has after each restart, and the truth at the end', async () => {
    const dataDir = tempDir();
    let url = await start(dataDir);
    const created = await fetch(`${url}/api/rooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const roomId = ((await created.json()) as { id: string }).id;
    const parts = recording();
    for (const part of parts) {
      const before = ((await get(url, `/api/rooms/${roomId}/state`)) as { comments: number }).comments;
      const sent = importPart(url, roomId, part).catch(() => null);
      // Killed while the part is being stored: once some of it shows in the state, and before its answer.
      for (;;) {
        const now = (await get(url, `/api/rooms/${roomId}/state`)) as { comments: number };
        if (now.comments > before) break;
      }
      await kill();
      await sent;
      url = await start(dataDir);
      const after = await headlineAndState(url, roomId);
      expect(after.state.comments).toBeGreaterThan(before);
      expect(after.headline).toEqual(after.state);
      // The part again, whole: what was stored before the kill counts once.
      expect((await importPart(url, roomId, part)).status).toBe(200);
      const again = await headlineAndState(url, roomId);
      expect(again.headline).toEqual(again.state);
    }
    const want = truth(parts.flat());
    await kill();
    url = await start(dataDir);
    const end = await headlineAndState(url, roomId);
    expect(end.state).toEqual(want);
    expect(end.headline).toEqual(want);
    // A later session: the first one's figures now come from what was stored, through every kill.
    const later = [{ type: 'comment', ts: T0 + 24 * 3_600_000, text: '下一场' }];
    expect((await importPart(url, roomId, later)).status).toBe(200);
    const next = await headlineAndState(url, roomId);
    expect(next.sessions).toHaveLength(2);
    expect(next.headline).toEqual(want);
    const sid = (next.sessions[0] as unknown as { id: string }).id;
    const report = (await get(url, `/api/sessions/${sid}/report`)) as {
      interaction: { comments: number };
      conversion: { gmv: number; paid: number };
    };
    expect([report.interaction.comments, report.conversion.gmv, report.conversion.paid]).toEqual([
      want.comments,
      want.gmv,
      want.paid,
    ]);
    await kill();
  }, 180_000);
});
