// The Bilibili connector on the protobuf messages that replaced the JSON ones (INTERACT_WORD_V2,
// SEND_GIFT_V2), packed by the local protocol server as protover 2 (zlib) and 3 (brotli) bodies; a masked
// (not logged-in) feed said on the source; CUT_OFF ends the session with the platform's reason shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/state.ts';
import { type BilibiliServer, startBilibiliServer } from '../helpers/bilibili-server.ts';
import { conformanceCases } from '../helpers/conformance.ts';
import { connectLive, type LiveSocket, once, waitForState } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

const cases = conformanceCases('bilibili.json');
const message = (name: string) => cases.find((c) => c.name === name)!.messages[0] as object;

let s: TestServer;
let bili: BilibiliServer;
let so: LiveSocket;

const feed = (st: RoomState) => st.sources?.find((x) => x.id === 'bili');

beforeAll(async () => {
  bili = await startBilibiliServer();
  s = await startServer({ tickHz: 10 });
  const room = await createRoom(s);
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
  await bili.authed();
});
afterAll(async () => {
  so?.disconnect();
  await s?.close();
  await bili?.close();
});

describe('Bilibili V2 (protobuf) messages', () => {
  it('maps INTERACT_WORD_V2 from a brotli body and SEND_GIFT_V2 from a zlib body', async () => {
    bili.send(
      [
        message('INTERACT_WORD_V2 enter'),
        message('INTERACT_WORD_V2 follow'),
        message('INTERACT_WORD_V2 share'),
        { cmd: 'ONLINE_RANK_COUNT', data: { count: 88, online_count: 120 } },
      ],
      3,
    );
    bili.send([message('SEND_GIFT_V2 gold gift, sender from uinfo'), message('SEND_GIFT_V2 silver gift is free')], 2);
    const st = await waitForState(so, (m) => feed(m)?.messages === 6 && m.giftValue === 2);
    expect(st).toMatchObject({ follows: 1, shares: 1, online: 120 });
    expect(st.entriesPerMin).toBe(1);
    expect(feed(st)).toMatchObject({ unknown: 0, garbage: 0 });
    expect(feed(st)?.masked).toBeUndefined();
  });

  it('counts masked viewers as entries, never as viewers, and says the feed is masked', async () => {
    bili.send(
      [message('INTERACT_WORD_V2 masked viewer (not logged in)'), message('INTERACT_WORD masked viewer (V1, uid 0)')],
      3,
    );
    const st = await waitForState(so, (m) => feed(m)?.messages === 8);
    expect(st.entriesPerMin).toBe(3);
    expect(st.viewersSeen ?? st.cumulativeViewers).toBeLessThanOrEqual(2);
    expect(feed(st)?.masked).toBe(true);
  });

  it('ends the session on CUT_OFF and shows the platform reason', async () => {
    bili.send([message('CUT_OFF')], 2);
    const st = await waitForState(so, (m) => feed(m)?.phase === 'offline');
    expect(feed(st)?.error).toContain('违反直播言论规范');
    // The next message opens a new session that starts from zero.
    bili.send([message('INTERACT_WORD_V2 follow')], 3);
    const next = await waitForState(so, (m) => feed(m)?.messages === 10);
    expect(next.follows).toBe(1);
    expect(next.giftValue).toBe(0);
  });
});
