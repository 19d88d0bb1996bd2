// Issue 16: an import streams its body. A recording imports in parts or whole, plain or gzip; limits are per
// line and per import slot (429 with a code), never on the file's size; hostile bodies are answered with
// their codes; speeds are 0 or 0.1…100,000; events beyond server time + 5 min are refused one by one.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORTS_QUEUED, MAX_IMPORTS_RUNNING } from '../../shared/constants.ts';
import { ADMIN, createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ autoTick: false });
});
afterAll(() => s.close());

const T0 = Date.UTC(2025, 0, 1, 12);
const NDJSON = 'application/x-ndjson';

function recording(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const e =
      i % 10 === 0
        ? { type: 'order_paid', ts: T0 + i * 100, id: `o${i}`, orderId: `o${i}`, amount: 10 }
        : { type: 'comment', ts: T0 + i * 100, id: `c${i}`, userId: `u${i % 50}`, text: `第${i}条` };
    lines.push(JSON.stringify(e));
  }
  return `${lines.join('\n')}\n`;
}

async function post(url: string, body: BodyInit | null, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${url}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': NDJSON, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { rejected: unknown[] } };
}

const importUrl = (roomId: string, query = 'format=ndjson&speed=0') => `/api/rooms/${roomId}/import?${query}`;

async function comments(roomId: string): Promise<number> {
  const runtime = (await s.services.runtime(roomId))!;
  return runtime.engine.state(0, runtime.health(Date.now())).comments;
}

/** A body the test sends a piece at a time: the import stays open until `end`. */
function heldBody(first: string) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(new TextEncoder().encode(first));
    },
  });
  return {
    stream,
    end(rest = '') {
      if (rest) controller.enqueue(new TextEncoder().encode(rest));
      controller.close();
    },
  };
}

/** Sends `attempt` until it answers 429 (the held imports have all reached the server by then). */
async function until429(attempt: () => Promise<{ status: number; body: Record<string, unknown> }>) {
  for (let i = 0; i < 200; i++) {
    const res = await attempt();
    if (res.status === 429) return res;
    expect(res.status).toBe(200);
  }
  throw new Error('never answered 429');
}

describe('streamed import', () => {
  it('imports a recording cut into parts at line ends as a single import does, plain or gzip', async () => {
    const text = recording(3000);
    const bytes = Buffer.from(text);
    const whole = await createRoom(s);
    const one = await post(importUrl(whole.id), text);
    expect(one.status).toBe(200);
    expect(one.body.accepted).toBe(3000);
    // Parts cut at line ends (as a user would split a file), one of them gzip.
    const parts = await createRoom(s);
    const cuts = [0, 7001, 90_123, 150_000, bytes.length].map((c) =>
      c === 0 || c === bytes.length ? c : bytes.indexOf(10, c) + 1,
    );
    let accepted = 0;
    for (let i = 0; i < cuts.length - 1; i++) {
      const part = bytes.subarray(cuts[i], cuts[i + 1]);
      const gzip = i === 1;
      const res = await post(
        importUrl(parts.id),
        new Uint8Array(gzip ? zlib.gzipSync(part) : part),
        gzip ? { 'content-encoding': 'gzip' } : {},
      );
      expect(res.status).toBe(200);
      accepted += res.body.accepted as number;
    }
    expect(accepted).toBe(3000);
    expect(await comments(parts.id)).toBe(await comments(whole.id));
    const again = await post(importUrl(parts.id), new Uint8Array(zlib.gzipSync(bytes)), { 'content-encoding': 'gzip' });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3000 });
  });

  it('refuses a body that is not gzip (400 invalid_gzip) and an unknown encoding (415)', async () => {
    const room = await createRoom(s);
    const bad = await post(importUrl(room.id), 'not gzip at all', { 'content-encoding': 'gzip' });
    expect([bad.status, bad.body.code]).toEqual([400, 'invalid_gzip']);
    const br = await post(importUrl(room.id), 'x', { 'content-encoding': 'br' });
    expect([br.status, br.body.code]).toEqual([415, 'unsupported_encoding']);
  });

  it('refuses a second import into a busy room (429 import_busy) and past the server’s slots (429 too_many_imports)', async () => {
    const rooms = await Promise.all(
      Array.from({ length: MAX_IMPORTS_RUNNING + MAX_IMPORTS_QUEUED + 1 }, () => createRoom(s)),
    );
    const line = `${JSON.stringify({ type: 'like', ts: T0, count: 1 })}\n`;
    const held = rooms.slice(0, -1).map(() => heldBody(line));
    const answers = held.map((h, i) => post(importUrl(rooms[i]!.id), h.stream));
    const busy = await until429(() => post(importUrl(rooms[0]!.id), ''));
    expect(busy.body.code).toBe('import_busy');
    const full = await until429(() => post(importUrl(rooms.at(-1)!.id), ''));
    expect(full.body.code).toBe('too_many_imports');
    for (const h of held) h.end(line.replace('"count":1', '"count":2'));
    for (const a of await Promise.all(answers)) expect([a.status, a.body.accepted]).toEqual([200, 2]);
    expect((await post(importUrl(rooms.at(-1)!.id), line)).status).toBe(200);
  });

  it('answers hostile bodies with their codes and keeps serving', async () => {
    const room = await createRoom(s);
    const blank = await post(importUrl(room.id), '\n'.repeat(4 * 2 ** 20));
    expect(blank.body).toMatchObject({ total: 0, accepted: 0, rejectedCount: 0 });
    const brackets = await post(importUrl(room.id), '['.repeat(4 * 2 ** 20));
    expect(brackets.body.rejected).toEqual([{ index: 0, code: 'line_too_long', message: expect.any(String) }]);
    // All refused from the first line: not a recording, given up on without reading the rest.
    const empties = await post(importUrl(room.id), '{}\n'.repeat(1_000_000));
    expect([empties.status, empties.body.code]).toEqual([422, 'not_a_recording']);
    // One good line first: read to the end, every line judged, the first 1,000 refusals listed.
    const good = JSON.stringify({ type: 'like', ts: T0, count: 1 });
    const mostly = await post(importUrl(room.id), `${good}\n${'{}\n'.repeat(300_000)}`);
    expect(mostly.body).toMatchObject({ total: 300_001, accepted: 1, rejectedCount: 300_000 });
    expect(mostly.body.rejected).toHaveLength(1000);
    const xml = await post(importUrl(room.id, 'format=bilibili-xml'), `<d p="${'1'.repeat(4 * 2 ** 20)}`, {
      'content-type': 'application/xml',
    });
    expect([xml.status, xml.body.total]).toEqual([200, 0]);
    // Push bodies: too many lines refused before parsing them all, too deep a nesting before JSON.parse.
    const events = await fetch(`${s.url}/api/rooms/${room.id}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.tokens.ingest}`, 'content-type': NDJSON },
      body: '{}\n'.repeat(1_700_000),
    });
    expect([events.status, ((await events.json()) as { code: string }).code]).toEqual([413, 'too_many_events']);
    const deep = await fetch(`${s.url}/api/rooms/${room.id}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.tokens.ingest}`, 'content-type': 'application/json' },
      body: '['.repeat(4 * 2 ** 20),
    });
    expect([deep.status, ((await deep.json()) as { code: string }).code]).toEqual([400, 'invalid_json']);
    const rules = await fetch(`${s.url}/api/rooms/${room.id}/alert-rules`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: '['.repeat(2 ** 20 - 10),
    });
    expect([rules.status, ((await rules.json()) as { code: string }).code]).toEqual([400, 'invalid_json']);
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
  }, 60_000);

  it.each(['0x10', '1e-9', '5e-324', '0.01', '100001', '-1', '1e3'])(
    'refuses speed=%s naming the range',
    async (speed) => {
      const room = await createRoom(s);
      const res = await post(importUrl(room.id, `format=ndjson&speed=${speed}`), '');
      expect([res.status, res.body.code]).toEqual([400, 'invalid_request']);
      expect(res.body.message).toMatch(/0\.1.*100000/);
    },
  );

  it('refuses events beyond server time + 5 min one by one (ts_in_future) and imports the rest', async () => {
    const room = await createRoom(s);
    const now = Date.now();
    const lines = [
      { type: 'comment', ts: now - 60_000, userId: 'u1', text: '早' },
      { type: 'comment', ts: 4102358400000, userId: 'u1', text: 'b' },
      { type: 'comment', ts: now + 10 * 60_000, userId: 'u1', text: '远' },
      { type: 'comment', ts: now + 60_000, userId: 'u2', text: '近' },
    ];
    const res = await post(importUrl(room.id), lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected.map((r) => (r as { index: number; code: string }).code)).toEqual([
      'ts_in_future',
      'ts_in_future',
    ]);
    expect(res.body.to).toBe(now + 60_000);
  });
});
