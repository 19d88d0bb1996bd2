// The Bilibili connector against a local server that speaks the platform's packet protocol: auth, heartbeat,
// brotli/zlib/plain bodies with several messages, garbage, drops and a refused auth. The room keeps running
// through all of it and its source shows each state.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/state.ts';
import { type BilibiliServer, startBilibiliServer } from '../helpers/bilibili-server.ts';
import { connectLive, type LiveSocket, once, waitForState } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

const fixtures = JSON.parse(
  fs.readFileSync(new URL('../fixtures/connectors/bilibili-messages.json', import.meta.url), 'utf8'),
) as { cmd: string }[];
const body = fixtures.filter((m) => m.cmd !== 'LIVE' && m.cmd !== 'PREPARING');
const byCmd = (cmd: string) => fixtures.find((m) => m.cmd === cmd)!;

let s: TestServer;
let bili: BilibiliServer;
let so: LiveSocket;
let roomId = '';

const feed = (st: RoomState) => st.sources?.find((x) => x.id === 'bili');

beforeAll(async () => {
  bili = await startBilibiliServer();
  s = await startServer({ tickHz: 10 });
  const room = await createRoom(s);
  roomId = room.id;
  so = connectLive(s.url, room.id, room.tokens.controller);
  await once(so, 'room:snapshot');
  const res = await fetch(`${s.url}/api/rooms/${room.id}/sources`, {
    method: 'POST',
    headers: { authorization: `Bearer ${room.tokens.controller}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'bili',
      source: { kind: 'bilibili', roomId: 1175880, address: bili.url, retry: { minMs: 300, maxMs: 1000 } },
    }),
  });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  so?.disconnect();
  await s?.close();
  await bili?.close();
});

describe('Bilibili connector', () => {
  it('authenticates with the room id and protover 3, and answers heartbeats', async () => {
    await bili.authed();
    expect(bili.auths[0]).toMatchObject({ roomid: 1175880, protover: 3 });
    const live = await waitForState(so, (m) => feed(m)?.phase === 'live');
    expect(feed(live)?.status).toBe('ok');
    await waitForState(so, () => bili.heartbeats >= 1); // the heartbeat follows the auth reply
  });

  it('maps every message kind from brotli, zlib and plain bodies, several per packet', async () => {
    bili.send(body.slice(0, 6), 3);
    bili.send(body.slice(6, 12), 2);
    bili.send(body.slice(12), 0);
    const state = await waitForState(
      so,
      (m) => m.online === 1536 && m.likes === 1262 && feed(m)?.messages === body.length,
    );
    expect(state.comments).toBe(3); // two barrage lines and the 醒目留言
    expect(state.recentComments.map((c) => c.nickname)).toContain('小橘子酱');
    expect(state.recentComments.find((c) => c.text === '已拍')?.userId).toBeNull(); // a masked viewer
    expect(state.cumulativeViewers).toBe(24011); // 看过, the platform's count
    expect(state.follows).toBe(1);
    expect(state.shares).toBe(1);
    expect(state.giftValue).toBe(228.5); // 500 gold + 舰长 198000 gold + ¥30 SC; silver is free
    expect(state.onlineFromEvents).toBe(false); // entries without departures: online from the counter
    expect(feed(state)).toMatchObject({ sampled: true, unknown: 1, garbage: 0 });
    expect(feed(state)?.messages).toBe(body.length);
  });

  it('counts garbage and keeps going', async () => {
    const zeroLength = Buffer.alloc(32); // a zero packet length loops the library's own decoder forever
    bili.sendRaw(zeroLength);
    bili.sendRaw(Buffer.from('not a packet at all'));
    const badBrotli = Buffer.alloc(20);
    badBrotli.writeUInt32BE(20, 0);
    badBrotli.writeUInt16BE(16, 4);
    badBrotli.writeUInt16BE(3, 6);
    badBrotli.writeUInt32BE(5, 8);
    bili.sendRaw(badBrotli);
    bili.send([byCmd('DANMU_MSG')], 0);
    const state = await waitForState(so, (m) => (feed(m)?.garbage ?? 0) >= 3 && m.comments === 3);
    expect(feed(state)?.phase).toBe('live');
    expect(state.comments).toBe(3); // the repeated line carries the same id_str: stored once
  });

  it('ends the session when the room goes off air, and starts one when it is back', async () => {
    bili.send([byCmd('PREPARING')], 0);
    const off = await waitForState(so, (m) => feed(m)?.phase === 'offline');
    expect(feed(off)?.status).toBe('idle');
    bili.send([byCmd('LIVE')], 0);
    const on = await waitForState(so, (m) => feed(m)?.phase === 'live');
    expect(on.comments).toBe(0); // a new session counts from zero
  });

  it('reconnects with backoff after a drop, showing when it will retry', async () => {
    const before = bili.connections;
    bili.drop();
    const down = await waitForState(so, (m) => feed(m)?.phase === 'reconnecting');
    expect(feed(down)?.status).toBe('error');
    expect(feed(down)?.retryAt).toBeGreaterThan(0);
    await waitForState(so, (m) => feed(m)?.phase === 'live');
    expect(bili.connections).toBeGreaterThan(before);
  });

  it('shows a refused auth as auth failed', async () => {
    bili.authCode = -101;
    bili.drop();
    const state = await waitForState(so, (m) => feed(m)?.phase === 'auth_failed');
    expect(feed(state)?.error).toContain('-101');
    const list = await s.app.inject({
      method: 'GET',
      url: `/api/rooms/${roomId}/sources`,
      headers: { authorization: 'Bearer test-admin-token-0123456789' },
    });
    expect(list.json().sources[0].health.phase).toBe('auth_failed');
  });
});
