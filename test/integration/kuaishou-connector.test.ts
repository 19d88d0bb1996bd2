// The Kuaishou connector against a local server that speaks the web live-chat protocol: it enters the room
// with the configured token and live stream id, reads gzipped and plain feed pushes, and its token is never
// listed back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PbSpec } from '../../server/sources/connectors/pb-fields.ts';
import type { RoomState } from '../../shared/state.ts';
import { conformanceCases } from '../helpers/conformance.ts';
import { type KuaishouServer, startKuaishouServer } from '../helpers/kuaishou-server.ts';
import { type LiveSocket, waitForState } from '../helpers/live-client.ts';
import { type createRoom, startServer, type TestServer } from '../helpers/server.ts';
import { roomWithSource } from '../helpers/source-room.ts';

const [feedCase, watchingCase] = conformanceCases('kuaishou.json');
const frame = (c: typeof feedCase) => c!.messages[0] as { type: number; payload: PbSpec; gzip?: boolean };

let s: TestServer;
let ks: KuaishouServer;
let so: LiveSocket;
let room: Awaited<ReturnType<typeof createRoom>>;
const feed = (st: RoomState) => st.sources?.find((x) => x.id === 'ks');

beforeAll(async () => {
  ks = await startKuaishouServer();
  s = await startServer({ tickHz: 10 });
  ({ room, so } = await roomWithSource(s, 'ks', {
    kind: 'kuaishou',
    liveStreamId: 'ls-123',
    token: 'page-token-secret',
    address: ks.url,
    retry: { minMs: 300, maxMs: 1000 },
  }));
});
afterAll(async () => {
  so?.disconnect();
  await s?.close();
  await ks?.close();
});

describe('Kuaishou connector', () => {
  it('enters the room with its token and live stream id and goes live on the ack', async () => {
    await ks.entered();
    expect(ks.enters[0]).toEqual({ token: 'page-token-secret', liveStreamId: 'ls-123' });
    await waitForState(so, (m) => feed(m)?.phase === 'live');
  });

  it('maps a gzipped feed push and a watching list', async () => {
    const f = frame(feedCase);
    ks.send(f.type, f.payload, true);
    // Lines and source health follow the figures within a second (slow parts): wait for both.
    const st = await waitForState(so, (m) => m.comments === 2 && m.shares === 1 && m.recentComments.length === 2);
    expect(st.online).toBe(12000);
    expect(st.likes).toBe(1);
    expect(st.recentComments.map((c) => c.nickname)).toContain('快手用户甲');
    const w = frame(watchingCase);
    ks.send(w.type, w.payload);
    const after = await waitForState(so, (m) => m.online === 856 && (feed(m)?.messages ?? 0) >= 2);
    expect(feed(after)).toMatchObject({ garbage: 0, unknown: 0, sampled: true });
  });

  it('never lists the token back', async () => {
    const res = await s.app.inject({
      method: 'GET',
      url: `/api/rooms/${room.id}/sources`,
      headers: { authorization: `Bearer ${room.tokens.controller}` },
    });
    expect(JSON.stringify(res.json())).not.toContain('page-token-secret');
  });
});
