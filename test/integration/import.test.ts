// Importing recordings through the real route: Bilibili danmaku XML (generated here, and the kit's real one when
// the kit is beside the repo) and our NDJSON, at once and replayed at a speed factor.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDanmaku } from '../fixtures/danmaku.ts';
import { KIT_DATA, kitDataPath } from '../helpers/kit-data.ts';
import { connectLive, once, waitForState } from '../helpers/live-client.ts';
import { needs } from '../helpers/requirements.ts';
import { ADMIN, createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
});
afterAll(() => s.close());

async function importBody(roomId: string, token: string, query: string, body: Buffer | string, type: string) {
  const res = await fetch(`${s.url}/api/rooms/${roomId}/import?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { rejected: unknown[] } };
}

interface SessionRow {
  id: string;
  start: number;
  end: number;
  events: number;
  headline: { comments: number };
}

/** Imports a danmaku file twice (the second adds nothing) and returns its sessions and the main one's state. */
async function importTwice(xml: Buffer | string, minAccepted: number) {
  const room = await createRoom(s);
  const first = await importBody(room.id, room.tokens.ingest, 'format=bilibili-xml&speed=0', xml, 'application/xml');
  expect(first.status).toBe(200);
  expect(first.body.accepted as number).toBeGreaterThan(minAccepted);
  expect(first.body.from).toBeLessThan(first.body.to as number);
  const again = await importBody(room.id, ADMIN, 'format=bilibili-xml&speed=0', xml, 'application/xml');
  expect(again.body.accepted).toBe(0);
  expect(again.body.duplicates).toBe(first.body.accepted);
  const get = async (url: string) =>
    (await fetch(`${s.url}${url}`, { headers: { authorization: `Bearer ${room.tokens.viewer}` } })).json();
  const sessions = (await get(`/api/rooms/${room.id}/sessions`)) as SessionRow[];
  expect(sessions.reduce((a, x) => a + x.events, 0)).toBe(first.body.accepted);
  const main = sessions.reduce((a, b) => (b.events > a.events ? b : a));
  expect(main.headline.comments).toBe(main.events);
  const state = await get(`/api/sessions/${main.id}/state?at=${main.end}`);
  expect(state.hotWords.session.length).toBeGreaterThan(10);
  expect(state.hasCommerce).toBe(false);
  expect(state.uvValue).toBeNull();
  expect(state.avgWatchSeconds).toBeNull();
  return { sessions, main, state };
}

describe('import', () => {
  it('imports a generated Bilibili recording at once, idempotently, split at its gap, as barrage-only figures', async () => {
    const f = generateDanmaku();
    const { sessions, main, state } = await importTwice(f.xml, f.comments.length - 1);
    // Pre-show chatter, then 15 minutes of silence, then the show: two sessions.
    expect(sessions.map((x) => x.events).sort((a, b) => a - b)).toEqual([f.preShow, f.show]);
    expect(main.events).toBe(f.show);
    expect(state.commentUsers).toBe(new Set(f.comments.slice(f.preShow).map((c) => c.userId)).size);
  });

  it(
    'imports a real Bilibili danmaku recording at once, idempotently, as barrage-only figures',
    needs(KIT_DATA),
    async () => {
      const xml = fs.readFileSync(kitDataPath('danmaku', 'bilibili-live-2020-12-11.xml'));
      // The recording becomes sessions at its gaps of 10 minutes or more (pre-show chatter, the show itself).
      const { main, state } = await importTwice(xml, 10_000);
      expect(main.events).toBeGreaterThan(10_000);
      expect(state.commentUsers).toBeGreaterThan(500);
    },
  );

  it('replays NDJSON at a speed factor with the recorded timestamps', async () => {
    const room = await createRoom(s);
    const t0 = Date.UTC(2025, 0, 1, 12);
    const lines = [
      { type: 'viewer_enter', ts: t0, userId: 'x1' },
      { type: 'comment', ts: t0 + 5_000, userId: 'x1', text: '第一条' },
      { type: 'comment', ts: t0 + 10_000, userId: 'x1', text: '最后一条' },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const so = connectLive(s.url, room.id, room.tokens.viewer);
    await once(so, 'room:snapshot');
    const res = await importBody(room.id, room.tokens.ingest, 'format=ndjson&speed=100', lines, 'application/x-ndjson');
    expect(res.status).toBe(202);
    expect(res.body.scheduled).toBe(3);
    const st = await waitForState(so, (m) => m.comments === 2 && m.recentComments.length === 2, 10_000);
    expect(st.recentComments[0]?.text).toBe('最后一条');
    so.disconnect();
  });

  it('rejects bad imports with codes', async () => {
    const room = await createRoom(s);
    const badFormat = await importBody(room.id, ADMIN, 'format=csv', 'a,b', 'text/plain');
    expect(badFormat.status).toBe(400);
    const notXml = await importBody(room.id, ADMIN, 'format=bilibili-xml', 'hello', 'application/xml');
    expect(notXml.status).toBe(400);
    expect(notXml.body.code).toBe('invalid_xml');
    const viewer = await importBody(room.id, room.tokens.viewer, 'format=ndjson', '{}', 'application/x-ndjson');
    expect(viewer.status).toBe(403);
    const mixed = await importBody(
      room.id,
      ADMIN,
      'format=ndjson',
      `{"type":"like","ts":${Date.UTC(2025, 0, 1)},"count":1}\n{oops\n`,
      'application/x-ndjson',
    );
    expect(mixed.body.accepted).toBe(1);
    expect(mixed.body.rejected).toEqual([{ index: 1, code: 'invalid_json', message: expect.any(String) }]);
  });
});
