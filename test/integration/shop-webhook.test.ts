// The 抖店 order push against the real route: signatures checked on the raw body (bad: 401, nothing stored),
// retries counted once, shop product ids mapped to the room's, secrets never listed.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doudianSign } from '../../server/sources/connectors/shop/douyin-shop.ts';
import { ADMIN, createRoom, startServer, type TestServer } from '../helpers/server.ts';

const fx = JSON.parse(
  fs.readFileSync(new URL('../fixtures/connectors/doudian-push.json', import.meta.url), 'utf8'),
) as {
  appKey: string;
  secret: string;
  created: unknown[];
  paid: unknown[];
  refunded: unknown[];
};

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;

function push(body: string, sign = doudianSign(fx.appKey, body, fx.secret), platform = 'douyin-shop') {
  return s.app.inject({
    method: 'POST',
    url: `/api/rooms/${room.id}/webhooks/${platform}`,
    headers: { 'content-type': 'application/json', 'app-id': fx.appKey, 'event-sign': sign },
    payload: body,
  });
}

async function state() {
  s.ticker.tickAll();
  const res = await s.app.inject({
    method: 'GET',
    url: `/api/rooms/${room.id}/state`,
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  return res.json() as {
    orders: number;
    paidOrders: number;
    gmv: number;
    paid: number;
    refunds: number;
    products: { id: string }[];
  };
}

beforeAll(async () => {
  s = await startServer({ listen: false });
  room = await createRoom(s);
  const res = await s.app.inject({
    method: 'POST',
    url: `/api/rooms/${room.id}/sources`,
    headers: { authorization: `Bearer ${room.tokens.controller}` },
    payload: {
      id: 'shop',
      source: {
        kind: 'shop-webhook',
        platform: 'douyin-shop',
        secret: fx.secret,
        appKey: fx.appKey,
        productMap: { '3581234567890': 'p-down-jacket' },
      },
    },
  });
  expect(res.statusCode).toBe(201);
});
afterAll(() => s?.close());

describe('shop webhook (抖店 message push)', () => {
  it('refuses a bad signature with 401 and stores nothing', async () => {
    const body = JSON.stringify(fx.created);
    const bad = await push(body, doudianSign(fx.appKey, body, 'another-secret'));
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('bad_signature');
    const tampered = await push(body.replace('25800', '1'), doudianSign(fx.appKey, body, fx.secret));
    expect(tampered.statusCode).toBe(401);
    expect((await state()).orders).toBe(0);
  });

  it('maps created, paid and refunded orders, with the room product id', async () => {
    const created = await push(JSON.stringify(fx.created));
    expect(created.statusCode).toBe(200);
    expect(created.json()).toEqual({ code: 0, msg: 'success' });
    expect((await push(JSON.stringify(fx.paid))).statusCode).toBe(200);
    expect((await push(JSON.stringify(fx.refunded))).statusCode).toBe(200);
    const st = await state();
    expect(st).toMatchObject({ orders: 1, paidOrders: 1, gmv: 258, paid: 258, refunds: 129 });
    expect(st.products.map((p) => p.id)).toContain('p-down-jacket');
  });

  it('counts a retried push once', async () => {
    for (const list of [fx.created, fx.paid, fx.refunded])
      expect((await push(JSON.stringify(list))).statusCode).toBe(200);
    expect(await state()).toMatchObject({ orders: 1, paidOrders: 1, refunds: 129 });
  });

  it('answers 404 for a platform the room has no source for, 400 for a signed body that is not a push', async () => {
    expect((await push('[]', undefined, 'kuaishou')).statusCode).toBe(404);
    const notPush = await push('{"hello":1}');
    expect(notPush.statusCode).toBe(400);
    expect(notPush.json().code).toBe('bad_push');
  });

  it('lists the source with its counters and without its secret', async () => {
    const res = await s.app.inject({
      method: 'GET',
      url: `/api/rooms/${room.id}/sources`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const [src] = res.json().sources;
    expect(src.config.secret).toBe('********');
    expect(src.health).toMatchObject({ kind: 'shop-webhook', phase: 'live', garbage: 2, unknown: 2 });
    expect(JSON.stringify(res.json())).not.toContain(fx.secret);
  });
});
