// Session boundaries: a 10-minute silence, an explicit end, and an explicit start each begin a new session,
// and the live state starts from zero in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, importAll, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ listen: false, autoTick: false });
});
afterAll(() => s.close());

describe('sessions', () => {
  it('splits on a 10-minute gap, an explicit end and an explicit start', async () => {
    const room = await createRoom(s);
    const T = Date.UTC(2025, 0, 1, 12);
    const c = (ts: number) => ({ type: 'comment', ts, userId: 'u', text: '在吗' });
    const lines = [
      c(T),
      c(T + 60_000),
      c(T + 60_000 + 11 * 60_000), // gap → session 2
      { type: 'session_end', ts: T + 13 * 60_000 },
      c(T + 13 * 60_000 + 5000), // after an explicit end → session 3
      c(T + 14 * 60_000),
      { type: 'session_start', ts: T + 15 * 60_000 }, // explicit start → session 4
      c(T + 15 * 60_000 + 1000),
    ];
    const res = await importAll(s, room.id, lines);
    expect(res.json().accepted).toBe(lines.length);
    const sessions = (
      await s.app.inject({
        url: `/api/rooms/${room.id}/sessions`,
        headers: { authorization: `Bearer ${room.tokens.viewer}` },
      })
    ).json();
    expect(sessions.map((x: { start: number }) => x.start - T)).toEqual([
      0,
      12 * 60_000,
      13 * 60_000 + 5000,
      15 * 60_000,
    ]);
    const state = (
      await s.app.inject({
        url: `/api/rooms/${room.id}/state`,
        headers: { authorization: `Bearer ${room.tokens.viewer}` },
      })
    ).json();
    expect(state.comments).toBe(1); // the live engine counts the current session only
  });

  it('lets the controller start and end a session explicitly', async () => {
    const room = await createRoom(s);
    const post = (token: string, action: string) =>
      s.app.inject({
        method: 'POST',
        url: `/api/rooms/${room.id}/session`,
        headers: { authorization: `Bearer ${token}` },
        payload: { action },
      });
    expect((await post(room.tokens.controller, 'start')).statusCode).toBe(200);
    expect((await post(room.tokens.controller, 'end')).statusCode).toBe(200);
    expect((await post(room.tokens.viewer, 'start')).statusCode).toBe(403);
    expect((await post(room.tokens.controller, 'pause')).statusCode).toBe(400);
  });
});
