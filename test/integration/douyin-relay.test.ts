// The Douyin relay connector against a local relay replaying recorded frames of both relays' shapes, garbage
// and a drop: the room keeps running and the source shows its state.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/state.ts';
import { type LiveSocket, waitForState } from '../helpers/live-client.ts';
import { type RelayServer, startRelayServer } from '../helpers/relay-server.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { roomWithSource } from '../helpers/source-room.ts';

const read = (f: string) =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/connectors/${f}`, import.meta.url), 'utf8')) as unknown[];
const live = read('douyin-live-frames.json');
const grab = read('douyin-barrage-grab-frames.json');

let s: TestServer;
let relay: RelayServer;
let so: LiveSocket;
const feed = (st: RoomState) => st.sources?.find((x) => x.id === 'douyin');

beforeAll(async () => {
  relay = await startRelayServer();
  s = await startServer({ tickHz: 10 });
  ({ so } = await roomWithSource(s, 'douyin', {
    kind: 'douyin-relay',
    url: relay.url('536681248455'),
    retry: { minMs: 300, maxMs: 1000 },
  }));
});
afterAll(async () => {
  so?.disconnect();
  await s?.close();
  await relay?.close();
});

describe('Douyin relay connector', () => {
  it("connects to the room's relay path and maps douyinLive frames; unknown methods are counted", async () => {
    await relay.connected();
    expect(relay.rooms).toEqual(['536681248455']);
    relay.send(live.slice(0, -2)); // all but the end of the stream
    // Hot words, lines and source health follow the figures within a second (slow parts): wait for both.
    const state = await waitForState(
      so,
      (m) => m.online === 1532 && m.comments === 2 && m.recentComments.length === 2 && feed(m)?.unknown === 1,
    );
    expect(state.cumulativeViewers).toBe(48210);
    expect(state.giftValue).toBe(301);
    expect(state.recentComments[0]?.nickname).toBe('长号用户');
    expect(feed(state)).toMatchObject({ phase: 'live', status: 'ok', unknown: 1, sampled: true });
  });

  it('takes DouyinBarrageGrab envelopes on the same connection, and survives garbage', async () => {
    relay.sendText('{not json');
    relay.sendText('pong');
    relay.send(grab.slice(0, -1));
    const state = await waitForState(so, (m) => m.online === 1540 && m.comments === 3 && feed(m)?.garbage === 1);
    expect(state.cumulativeViewers).toBe(50002);
    expect(feed(state)?.garbage).toBe(1);
  });

  it('shows the room off air when the stream ends, then reconnects after a drop', async () => {
    relay.send(live.slice(-1));
    await waitForState(so, (m) => feed(m)?.phase === 'offline');
    relay.send([live[0]]); // ROOM_ONLINE: on air again
    await waitForState(so, (m) => feed(m)?.phase === 'live');
    relay.drop();
    const down = await waitForState(so, (m) => feed(m)?.phase === 'reconnecting');
    expect(feed(down)?.retryAt).toBeGreaterThan(0);
    await relay.connected();
    await waitForState(so, (m) => feed(m)?.phase === 'live');
    expect(relay.rooms).toHaveLength(2);
  });
});
