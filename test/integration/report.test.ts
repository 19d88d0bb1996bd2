// The 复盘 report against figures computed by hand on a small two-session fixture, and its CSV exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createRoom, importAll, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
const A = Date.UTC(2025, 5, 1, 12); // previous session
const B = A + 3_600_000; // this session, an hour later
const ev = (ts: number, type: string, f: Record<string, unknown> = {}) => ({ ts, type, ...f });

const fixture = [
  ...['a', 'b', 'c', 'd'].map((u, i) => ev(A + i * 1000, 'viewer_enter', { userId: u })),
  ev(A + 5000, 'product_exposure', { productId: 'p1', userId: 'a' }),
  ev(A + 5000, 'product_exposure', { productId: 'p1', userId: 'b' }),
  ev(A + 6000, 'product_click', { productId: 'p1', userId: 'a' }),
  ev(A + 7000, 'order_created', { orderId: 'o1', productId: 'p1', userId: 'a', amount: 100 }),
  ev(A + 8000, 'order_paid', { orderId: 'o1', amount: 100 }),
  ev(A + 9000, 'comment', { userId: 'a', text: '多少钱' }),
  // Session B
  ev(B, 'explain_start', { productId: 'p1' }),
  ...['a', 'b', 'c', 'd', 'e'].map((u, i) => ev(B + 1000 + i * 1000, 'viewer_enter', { userId: u })),
  ...['a', 'b', 'c', 'd'].map((u) => ev(B + 10_000, 'product_exposure', { productId: 'p1', userId: u })),
  ev(B + 20_000, 'product_click', { productId: 'p1', userId: 'a' }),
  ev(B + 20_000, 'product_click', { productId: 'p1', userId: 'b' }),
  ev(B + 30_000, 'order_created', { orderId: 'o2', productId: 'p1', userId: 'a', amount: 59 }),
  ev(B + 30_000, 'order_created', { orderId: 'o3', productId: 'p1', userId: 'b', amount: 59 }),
  ev(B + 40_000, 'order_paid', { orderId: 'o2', amount: 59 }),
  ev(B + 50_000, 'follow', { userId: 'a' }),
  ev(B + 50_000, 'follow', { userId: 'b' }),
  ev(B + 60_000, 'comment', { userId: 'a', text: '已拍' }),
  ev(B + 61_000, 'comment', { userId: 'a', text: '已拍 已拍' }),
  ev(B + 62_000, 'comment', { userId: 'c', text: '怎么买' }),
  ev(B + 120_000, 'explain_end', { productId: 'p1' }),
];

let room: Awaited<ReturnType<typeof createRoom>>;
beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
  room = await createRoom(s, '复盘报告');
  await s.app.inject({
    method: 'PUT',
    url: `/api/rooms/${room.id}/products`,
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: [{ id: 'p1', name: '保温杯', price: 59, stock: 100 }],
  });
  const res = await importAll(s, room.id, fixture);
  expect(res.json().accepted).toBe(fixture.length);
  // A tick moves the room clock past the import's last second, which stores that second's state.
  s.ticker.tickAll();
  await s.services.writer.flush();
});
afterAll(() => s.close());

const get = (url: string) => s.app.inject({ url, headers: { authorization: `Bearer ${room.tokens.viewer}` } });

describe('复盘 report', () => {
  it('lists both sessions and reports the second one as computed by hand', async () => {
    const sessions = (await get(`/api/rooms/${room.id}/sessions`)).json();
    expect(sessions.map((x: { start: number }) => x.start)).toEqual([A, B]);
    const r = (await get(`/api/sessions/${sessions[1].id}/report`)).json();
    expect(r.fans).toEqual({ newFollowers: 2, followRate: 0.4 });
    expect(r.interaction).toMatchObject({ comments: 3, commentUsers: 2, interactionRate: 0.4 });
    expect(r.clicks).toEqual({ productExposureUsers: 4, clickUsers: 2, clickRate: 0.5 });
    expect(r.conversion).toMatchObject({
      clickToOrder: 1,
      orderToPaid: 0.5,
      conversion: 0.2,
      gmv: 118,
      paid: 59,
      uvValue: 11.8,
    });
    expect(r.explainSegments).toEqual([
      {
        productId: 'p1',
        start: B,
        end: B + 120_000,
        durationSeconds: 120,
        exposures: 4,
        clicks: 2,
        orders: 2,
        gmv: 118,
      },
    ]);
    const gmv = r.comparison.rows.find((x: { metric: string }) => x.metric === 'gmv');
    expect(gmv, JSON.stringify(r.comparison.rows)).toMatchObject({ now: 118, prev: 100 });
    expect(gmv.pct).toBeCloseTo(0.18);
    expect(r.comparison.largestChanges.length).toBe(3);
    expect(r.weakestStage.stage).toBe('orderToPaid'); // 50 % paid, under the typical 60–90 %
    expect(r.markers.some((m: { kind: string }) => m.kind === 'explain')).toBe(true);
  });

  it('exports the minute series and the product table as CSV', async () => {
    const sid = (await get(`/api/rooms/${room.id}/sessions`)).json()[1].id;
    const minutes = await get(`/api/sessions/${sid}/report.csv?table=minutes`);
    expect(minutes.headers['content-type']).toContain('text/csv');
    const lines = minutes.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    // Headers in the reader's language, the machine names in the second row, local time with its offset.
    expect(lines[0]).toBe('时间,在线人数,进入人数,评论数,商品点击,订单数,GMV（元）');
    expect(lines[1]).toBe('time,online,entries,comments,clicks,orders,gmv');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines[2]).toMatch(/^2025-06-01 21:\d\d:00\+08:00,/); // 13:00 UTC in Shanghai
    const en = await get(`/api/sessions/${sid}/report.csv?table=minutes&lang=en&tz=Europe/London`);
    const enLines = en.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(enLines[0]).toBe('Time,Online,Entries,Comments,Product clicks,Orders,GMV (CNY)');
    expect(enLines[2]).toMatch(/^2025-06-01 14:\d\d:00\+01:00,/);
    expect((await get(`/api/sessions/${sid}/report.csv?table=minutes&tz=Mars/Olympus`)).statusCode).toBe(400);
    const products = await get(`/api/sessions/${sid}/report.csv?table=products`);
    const rows = products.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toContain('商品编号,商品名,价格（元）');
    expect(rows[1]).toContain('id,name,price');
    expect(rows[2]).toContain('p1,保温杯,59');
    // Ratios to 4 places, never 0.14673913043478262.
    const rate = rows[2]!.split(',')[rows[1]!.split(',').indexOf('clickRate')]!;
    expect(rate).toMatch(/^(\d+(\.\d{1,4})?)?$/);
    const bad = await get(`/api/sessions/${sid}/report.csv?table=nope`);
    expect(bad.statusCode).toBe(400);
    const unknown = await get('/api/sessions/r_00.1/report');
    expect(unknown.statusCode).toBe(404);
  });
});
