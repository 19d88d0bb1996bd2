// Real server on port 0, real socket.io clients: snapshot on join, pushed events seen in the next tick,
// seq per room, resync on demand, and handshake refusals with codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.ts';
import { connectError, connectLive, type LiveSocket, once, onState, waitForState } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
let other: Awaited<ReturnType<typeof createRoom>>;
const sockets: LiveSocket[] = [];

beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
  room = await createRoom(s);
  other = await createRoom(s, '别的直播间');
});
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await s.close();
});

function client(token: string, roomId = room.id): LiveSocket {
  const so = connectLive(s.url, roomId, token);
  sockets.push(so);
  return so;
}

async function push(events: unknown[]) {
  const res = await fetch(`${s.url}/api/rooms/${room.id}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${room.tokens.ingest}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe('/live namespace', () => {
  it('sends a snapshot on join, then ticks with consecutive seq', async () => {
    const so = client(room.tokens.controller);
    const snap = await once(so, 'room:snapshot');
    expect(snap.seat).toBe('controller');
    expect(snap.protocol).toBe(PROTOCOL_VERSION);
    expect(snap.state.roomId).toBe(room.id);
    const a = await once(so, 'room:patch');
    const b = await once(so, 'room:patch');
    expect(b.seq).toBe(a.seq + 1);
  });

  it('shows pushed events in the next tick, to every screen of the room and no other', async () => {
    const c1 = client(room.tokens.controller);
    const c2 = client(room.tokens.viewer);
    const foreign = client(other.tokens.viewer, other.id);
    await Promise.all([once(c1, 'room:snapshot'), once(c2, 'room:snapshot'), once(foreign, 'room:snapshot')]);
    let leaked = false;
    onState(foreign, (m) => {
      if (m.comments > 0) leaked = true;
    });
    const t = Date.now();
    await push([
      { type: 'viewer_enter', ts: t, userId: 'rt1' },
      { type: 'comment', ts: t, userId: 'rt1', text: '怎么买 链接在哪' },
    ]);
    const [t1, t2] = await Promise.all([
      waitForState(c1, (m) => m.comments >= 1),
      waitForState(c2, (m) => m.recentComments.length >= 1),
    ]);
    expect(t1.online).toBeGreaterThanOrEqual(1);
    expect(t2.recentComments[0]?.text).toBe('怎么买 链接在哪');
    await once(foreign, 'room:patch');
    expect(leaked).toBe(false);
  });

  it('answers room:resync with a fresh snapshot', async () => {
    const so = client(room.tokens.viewer);
    await once(so, 'room:snapshot');
    const res = await so.emitWithAck('room:resync', {});
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.data.state.roomId).toBe(room.id);
  });

  it('refuses bad tokens, foreign rooms and the ingest token with a code', async () => {
    expect((await connectError(client('nope'))).message).toBe('unauthorized');
    expect((await connectError(client(other.tokens.controller))).message).toBe('forbidden');
    expect((await connectError(client(room.tokens.ingest))).message).toBe('forbidden_seat');
    const bad = connectLive(s.url, room.id, '');
    sockets.push(bad);
    expect((await connectError(bad)).message).toBe('unauthorized');
  });
});
