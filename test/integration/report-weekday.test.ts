// The 复盘 compares a session with the previous one (环比) and with the median of the same weekday's sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekdayOf } from '../../server/replay/weekday-compare.ts';
import { createRoom, importAll, startServer, type TestServer } from '../helpers/server.ts';

const DAY = 24 * 3_600_000;
const MON = Date.UTC(2026, 5, 1, 4); // Monday 12:00 China time
const ev = (ts: number, type: string, f: Record<string, unknown> = {}) => ({ ts, type, ...f });
const session = (start: number, gmv: number, tag: string) => [
  ev(start, 'viewer_enter', { userId: `${tag}a` }),
  ev(start + 1000, 'product_click', { productId: 'p1', userId: `${tag}a` }),
  ev(start + 2000, 'order_created', { orderId: `${tag}o`, productId: 'p1', userId: `${tag}a`, amount: gmv }),
  ev(start + 60_000, 'comment', { userId: `${tag}a`, text: '好' }),
];

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
  room = await createRoom(s, '同星期');
  // Monday ¥100, the next Monday ¥300, a Tuesday ¥50, the third Monday ¥200.
  const all = [
    ...session(MON, 100, 'a'),
    ...session(MON + 7 * DAY, 300, 'b'),
    ...session(MON + 8 * DAY, 50, 'c'),
    ...session(MON + 14 * DAY, 200, 'd'),
  ];
  expect((await importAll(s, room.id, all)).statusCode).toBe(200);
  s.ticker.tickAll();
  await s.services.writer.flush();
});
afterAll(() => s.close());

describe('复盘 against the same weekday', () => {
  it('takes the median of the earlier Mondays and the previous session for 环比', async () => {
    expect(weekdayOf(MON)).toBe(1);
    const h = { authorization: `Bearer ${room.tokens.viewer}` };
    const sessions = (await s.app.inject({ url: `/api/rooms/${room.id}/sessions`, headers: h })).json();
    expect(sessions).toHaveLength(4);
    const r = (await s.app.inject({ url: `/api/sessions/${sessions[3].id}/report`, headers: h })).json();
    const gmv = r.comparison.rows.find((x: { metric: string }) => x.metric === 'gmv');
    expect(gmv).toMatchObject({ now: 200, prev: 50, pct: 3 });
    expect(r.weekday.weekday).toBe(1);
    expect(r.weekday.sessions).toBe(2);
    expect(r.weekday.rows.find((x: { metric: string }) => x.metric === 'gmv')).toEqual({
      metric: 'gmv',
      median: 200,
      pct: 0,
    });
    const tue = (await s.app.inject({ url: `/api/sessions/${sessions[2].id}/report`, headers: h })).json();
    expect(tue.weekday.sessions).toBe(0);
    expect(tue.weekday.rows.find((x: { metric: string }) => x.metric === 'gmv').median).toBeNull();
  });
});
