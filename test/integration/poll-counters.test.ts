// A counters-only poll feed (a platform data API's per-product running totals, served by a local HTTP server)
// fills the room's funnel and product table over the real server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, type LiveSocket, once, waitForState } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let platform: http.Server;
let url = '';
let body: unknown = {};
let so: LiveSocket;

beforeAll(async () => {
  platform = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(platform.address() as AddressInfo).port}/live/products`;
  s = await startServer({ tickHz: 10 });
});
afterAll(async () => {
  so?.disconnect();
  await s.close();
  await new Promise((r) => platform.close(r));
});

const answer = (show: number, click: number, orders: number, gmv: number) => ({
  data: { online: 800, products: [{ product_id: 'p9', show_cnt: show, click_cnt: click, pay_order_cnt: orders, gmv }] },
});

describe('counters-only poll feed', () => {
  it('fills the funnel and the product table from per-product running totals', async () => {
    const room = await createRoom(s);
    so = connectLive(s.url, room.id, room.tokens.controller);
    await once(so, 'room:snapshot');
    body = answer(1000, 100, 5, 250);
    const res = await fetch(`${s.url}/api/rooms/${room.id}/source`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${room.tokens.controller}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'poll',
        url,
        intervalMs: 200,
        mapping: {
          online: 'data.online',
          products: {
            list: 'data.products',
            id: 'product_id',
            cardExposures: 'show_cnt',
            clicks: 'click_cnt',
            orders: 'pay_order_cnt',
            gmv: 'gmv',
          },
        },
      }),
    });
    expect(res.status).toBe(200);
    await waitForState(so, (m) => m.online === 800 && m.source.status === 'ok');
    body = answer(1400, 134, 8, 430);
    const st = await waitForState(so, (m) => m.funnel.stages.orderCreated === 3);
    expect(st.funnel.stages.productExposure).toBe(400);
    expect(st.funnel.stages.productClick).toBe(34);
    const p = st.products.find((x) => x.id === 'p9');
    expect(p).toMatchObject({ orders: 3, gmv: 180 });
  });
});
