// Issue 9, seat links: the token in /?room=…&token=… is exchanged once for an HttpOnly SameSite cookie that
// then opens the seat over HTTP and on the socket handshake; rotating the token ends the session at once.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_NAMESPACE } from '../../shared/protocol.ts';
import { type LiveSocket, once } from '../helpers/live-client.ts';
import { ADMIN, createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

function exchange(roomId: string, token: string) {
  return fetch(`${s.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomId, token }),
  });
}

function socketWithCookie(roomId: string, seat: string, cookie: string): LiveSocket {
  return io(`${s.url}${LIVE_NAMESPACE}`, {
    auth: { roomId, seat },
    extraHeaders: { cookie },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
}

describe('seat session', () => {
  it('exchanges a seat token for an HttpOnly SameSite cookie that opens the seat, until the token rotates', async () => {
    const room = await createRoom(s);
    const res = await exchange(room.id, room.tokens.controller);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ roomId: room.id, seat: 'controller' });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;

    const api = () =>
      fetch(`${s.url}/api/rooms/${room.id}/source`, { headers: { cookie, 'x-live-seat': 'controller' } });
    expect((await api()).status).toBe(200);
    const so = socketWithCookie(room.id, 'controller', cookie);
    const snap = await once(so, 'room:snapshot');
    expect(snap.seat).toBe('controller');
    so.disconnect();

    const rotated = await fetch(`${s.url}/api/rooms/${room.id}/seats/controller/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(rotated.status).toBe(200);
    expect((await api()).status).toBe(401);
    const again = socketWithCookie(room.id, 'controller', cookie);
    const err = await new Promise<{ data?: { code: string } }>((r) => again.once('connect_error', r));
    expect(err.data?.code).toBe('unauthorized');
    again.disconnect();
  });

  it('refuses a wrong token, a token of another room, and the ingest token', async () => {
    const a = await createRoom(s);
    const b = await createRoom(s);
    expect((await exchange(a.id, 'nope-not-a-token')).status).toBe(401);
    expect((await exchange(a.id, b.tokens.viewer)).status).toBe(403);
    expect((await exchange(a.id, a.tokens.ingest)).status).toBe(403);
  });
});
