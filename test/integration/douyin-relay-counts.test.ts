// A Douyin relay as today's rooms feed it: the room's figures only in WebcastRoomStatsMessage, and an
// anonymous room where every viewer is user 111111 with a masked name. Online and 场观 arrive, anonymous
// entries and comments are counted, and they never become one viewer; the source says the feed is masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/state.ts';
import { conformanceCases } from '../helpers/conformance.ts';
import { type LiveSocket, waitForState } from '../helpers/live-client.ts';
import { type RelayServer, startRelayServer } from '../helpers/relay-server.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { roomWithSource } from '../helpers/source-room.ts';

const cases = conformanceCases('douyin.json');
const messages = (name: string) => cases.find((c) => c.name === name)!.messages;

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
  await relay.connected();
});
afterAll(async () => {
  so?.disconnect();
  await s?.close();
  await relay?.close();
});

describe('Douyin relay: RoomStats and anonymous viewers', () => {
  it('takes online and 场观 from WebcastRoomStatsMessage', async () => {
    relay.send([
      ...messages('WebcastRoomStatsMessage online (在线)'),
      ...messages('WebcastRoomStatsMessage 场观 (看过) from the shown text'),
    ]);
    const st = await waitForState(so, (m) => m.online === 12345 && m.cumulativeViewers === 34000);
    expect(feed(st)).toMatchObject({ unknown: 0, garbage: 0 });
    expect(feed(st)?.masked).toBeUndefined();
  });

  it('counts anonymous entries and comments without collapsing them into one viewer', async () => {
    const anonEnter = messages('anonymous entries (111111) are entries, not one viewer');
    const anonChat = messages('anonymous chat keeps its text, not the placeholder id');
    // A second anonymous line: another message id (a repeated id is the same message, counted once).
    const again = JSON.parse(JSON.stringify(anonChat[0]).replace('7400000000000000008', '7400000000000000099'));
    relay.send([...anonEnter, ...anonEnter, ...anonChat, again, ...messages('a named viewer enters as themself')]);
    const st = await waitForState(so, (m) => feed(m)?.messages === 9);
    expect(st).toMatchObject({ comments: 2, entriesPerMin: 5 });
    expect(st.viewersSeen).toBe(1); // only the named viewer; never "user 111111"
    expect(st.commentUsers).toBe(2); // each anonymous line is its own unknowable person, as everywhere
    expect(st.recentComments.every((c) => c.userId === null)).toBe(true);
    expect(feed(st)?.masked).toBe(true);
    expect(st.online).toBe(12345); // still the platform's counter
  });
});
