// Retention: sessions that ended more than N days ago go whole (events, states, journal), newer ones and the
// current one stay untouched, and the session list and replay read the rest as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetentionSweeper } from '../../server/rooms/retention.ts';
import { ADMIN, createRoom, FakeClock, importAll, startServer, type TestServer } from '../helpers/server.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 30, 12);
let s: TestServer;
const clock = new FakeClock(NOW);
beforeAll(async () => {
  s = await startServer({ clock, autoTick: false, listen: false });
});
afterAll(() => s.close());

const session = (start: number, n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ type: 'comment', ts: start + i * 1000, userId: `${tag}${i}`, text: tag }));
const get = async (url: string, token = ADMIN) =>
  (await s.app.inject({ url, headers: { authorization: `Bearer ${token}` } })).json();

describe('retention', () => {
  it('removes the sessions that ended before the cutoff, whole, and keeps the rest', async () => {
    const room = await createRoom(s);
    const other = await createRoom(s);
    const events = [
      ...session(NOW - 45 * DAY, 20, 'old'),
      ...session(NOW - 31 * DAY, 10, 'older'),
      ...session(NOW - 29 * DAY, 7, 'recent'),
      ...session(NOW - 3_600_000, 5, 'today'),
    ];
    expect((await importAll(s, room.id, events)).statusCode).toBe(200);
    expect((await importAll(s, other.id, session(NOW - 2 * DAY, 4, 'x'))).statusCode).toBe(200);
    expect((await get(`/api/rooms/${room.id}/sessions`, room.tokens.viewer)).length).toBe(4);
    const sweeper = new RetentionSweeper(s.services, 30, () => {});
    expect(await sweeper.sweep()).toEqual({ rooms: 1, sessions: 2, events: 30 });
    const left = (await get(`/api/rooms/${room.id}/sessions`, room.tokens.viewer)) as {
      events: number;
      start: number;
    }[];
    expect(left.map((x) => x.events)).toEqual([7, 5]);
    expect(left[0]!.start).toBe(NOW - 29 * DAY);
    expect((await get(`/api/rooms/${room.id}/usage`)).events).toBe(12);
    expect((await get(`/api/rooms/${other.id}/usage`)).events).toBe(4);
    // Nothing more to do until time moves on; two days later the 29-day-old session goes too.
    expect((await sweeper.sweep()).sessions).toBe(0);
    clock.advance(2 * DAY);
    expect(await sweeper.sweep()).toEqual({ rooms: 1, sessions: 1, events: 7 });
  });

  it('keeps everything with retention off (0 days)', async () => {
    const room = await createRoom(s);
    await importAll(s, room.id, session(NOW - 400 * DAY, 3, 'ancient'));
    expect((await new RetentionSweeper(s.services, 0, () => {}).sweep()).sessions).toBe(0);
    expect((await get(`/api/rooms/${room.id}/usage`)).events).toBe(3);
  });
});
