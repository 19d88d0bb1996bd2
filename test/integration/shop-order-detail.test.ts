// 抖店 tag-100 pushes that carry only the order's ids. With API access configured, the order-detail call
// (signed, through the outbound policy, retried) completes amount, product and quantity before the order is
// counted; without it the order counts with its amount unknown (not 0), out of GMV until its payment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doudianSign } from '../../server/sources/connectors/shop/douyin-shop.ts';
import type { RoomState } from '../../shared/state.ts';
import { type DoudianApiServer, startDoudianApiServer } from '../helpers/doudian-api-server.ts';
import { connectLive, type LiveSocket, once, waitForState } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

const APP_KEY = '7123456789012345678';
const SECRET = 'fixture-app-secret-0001';
/** Tag 100 as 抖店 sends it: ids and status only. */
const created = (orderId: string) => [
  {
    tag: '100',
    msg_id: `m-${orderId}`,
    data: `{"p_id":${orderId},"s_ids":[${orderId}],"shop_id":88881234,"biz":2,"order_status":1,"order_type":0,"create_time":1764763200}`,
  },
];
const paid = (orderId: string, fen: number) => [
  { tag: '101', msg_id: `p-${orderId}`, data: `{"p_id":${orderId},"order_status":2,"pay_amount":${fen}}` },
];

let s: TestServer;
let api: DoudianApiServer;

beforeAll(async () => {
  api = await startDoudianApiServer(APP_KEY, SECRET);
  s = await startServer({ tickHz: 10 });
});
afterAll(async () => {
  await s?.close();
  await api?.close();
});

async function shopRoom(extra: Record<string, unknown>) {
  const room = await createRoom(s);
  const so: LiveSocket = connectLive(s.url, room.id, room.tokens.controller);
  await once(so, 'room:snapshot');
  const res = await s.app.inject({
    method: 'POST',
    url: `/api/rooms/${room.id}/sources`,
    headers: { authorization: `Bearer ${room.tokens.controller}` },
    payload: {
      id: 'shop',
      source: { kind: 'shop-webhook', platform: 'douyin-shop', secret: SECRET, appKey: APP_KEY, ...extra },
    },
  });
  expect(res.statusCode).toBe(201);
  const push = async (list: unknown[]) => {
    const body = JSON.stringify(list);
    const r = await s.app.inject({
      method: 'POST',
      url: `/api/rooms/${room.id}/webhooks/douyin-shop`,
      headers: {
        'content-type': 'application/json',
        'app-id': APP_KEY,
        'event-sign': doudianSign(APP_KEY, body, SECRET),
      },
      payload: body,
    });
    expect(r.statusCode).toBe(200);
  };
  return { room, so, push };
}

const shop = (st: RoomState) => st.sources?.find((x) => x.id === 'shop') ?? st.source;

describe('抖店 order completion', () => {
  it('completes a tag-100 order with the order-detail call, retried after a failure', async () => {
    api.orders.set('6920000000000000101', {
      order_amount: 19900,
      sku_order_list: [{ product_id: '3581234567890', item_num: 2 }],
    });
    api.failFirst = 1;
    const { so, push } = await shopRoom({
      api: { shopId: '88881234', gateway: api.url },
      productMap: { '3581234567890': 'p-jacket' },
    });
    await push(created('6920000000000000101'));
    const st = await waitForState(so, (m) => m.orders === 1);
    expect(st.gmv).toBe(199);
    expect(st.products.find((p) => p.id === 'p-jacket')).toMatchObject({ orders: 1, unitsOrdered: 2, gmv: 199 });
    expect(shop(st).note).toBeUndefined();
    const details = api.calls.filter((c) => c.method === 'order.orderDetail');
    expect(details).toHaveLength(2); // one failure, one retry
    expect(api.calls.every((c) => c.signOk)).toBe(true);
    expect(api.calls[0]).toMatchObject({ method: 'token.create', token: null });
    so.disconnect();
  });

  it('without API access: amount unknown, out of GMV until the payment brings it, and said on the source', async () => {
    const { so, push } = await shopRoom({});
    await push(created('6920000000000000202'));
    const st = await waitForState(so, (m) => m.orders === 1);
    expect(st.gmv).toBe(0);
    expect(shop(st).note).toContain('金额');
    await push(paid('6920000000000000202', 25800));
    const after = await waitForState(so, (m) => m.paidOrders === 1);
    expect(after).toMatchObject({ gmv: 258, paid: 258, orders: 1 });
    so.disconnect();
  });

  it('a lookup that keeps failing leaves the amount unknown and shows why', async () => {
    const { so, push } = await shopRoom({ api: { accessToken: 'wrong-token', gateway: api.url } });
    await push(created('6920000000000000303'));
    const st = await waitForState(so, (m) => m.orders === 1);
    expect(st.gmv).toBe(0);
    expect(shop(st).error).toContain('订单详情');
    expect(shop(st).note).toContain('金额');
    so.disconnect();
  });
});
