// Live stock end to end: orders pushed over real HTTP lower the product's stock in the ticks and the state, a
// repeated orderId is taken once, a restock PUT restarts the count, and a cue's {库存} is what is left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductStats } from '../../shared/state.ts';
import { connectLive, type LiveSocket, once, waitForState } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
const sockets: LiveSocket[] = [];

beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
  room = await createRoom(s, '库存测试');
});
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await s.close();
});

async function http(method: 'POST' | 'PUT', path: string, token: string, body: unknown) {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  return res.json();
}
const putCatalogue = (stock: number) =>
  http('PUT', `/api/rooms/${room.id}/products`, room.tokens.controller, [
    { id: 'p1', name: '保温杯', price: 59, stock },
  ]);
let n = 0;
const order = (quantity: number | undefined, orderId = `o${n}`) => ({
  type: 'order_created',
  ts: Date.now(),
  id: `e${n++}`, // a new event id each time: the engine, not the ingest edge, must see the repeated orderId
  orderId,
  productId: 'p1',
  amount: 59 * (quantity ?? 1),
  ...(quantity === undefined ? {} : { quantity }),
});
const pushOrders = (events: unknown[]) => http('POST', `/api/rooms/${room.id}/events`, room.tokens.ingest, events);
const p1 = (products: ProductStats[]) => products.find((p) => p.id === 'p1');
const tickWithStock = (so: LiveSocket, stock: number) => waitForState(so, (st) => p1(st.products)?.stock === stock);

describe('live stock', () => {
  it('counts orders down in ticks and state, fills {库存} with what is left, restarts on a restock', async () => {
    await putCatalogue(12);
    const controller = connectLive(s.url, room.id, room.tokens.controller);
    const assistant = connectLive(s.url, room.id, room.tokens.assistant);
    sockets.push(controller, assistant);
    const snap = await once(controller, 'room:snapshot');
    expect(p1(snap.state.products)).toMatchObject({ stock: 12, stockStart: 12, unitsOrdered: 0 });
    await once(assistant, 'room:snapshot');

    const pushed = await pushOrders([order(3, 'dup'), order(2, 'dup'), order(undefined), order(4)]);
    expect(pushed).toMatchObject({ accepted: 4, duplicates: 0 });
    const tick = await tickWithStock(controller, 12 - 3 - 1 - 4); // the second 'dup' is the same order
    expect(p1(tick.products)).toMatchObject({ stock: 4, unitsOrdered: 8, orders: 3 });

    const cue = await assistant.emitWithAck('cue:push', {
      text: '{商品名}只剩{库存}件！',
      priority: 'normal',
      productId: 'p1',
    });
    expect(cue.ok && cue.data.cue.text).toBe('保温杯只剩4件！');

    await pushOrders([order(10)]);
    await tickWithStock(controller, 0); // oversold: sold out, not negative
    const state = await fetch(`${s.url}/api/rooms/${room.id}/state`, {
      headers: { authorization: `Bearer ${room.tokens.viewer}` },
    }).then((r) => r.json() as Promise<{ products: ProductStats[] }>);
    expect(p1(state.products)).toMatchObject({ stock: 0, unitsOrdered: 18 });

    await putCatalogue(30); // 补库存: the new figure is the stock now
    await tickWithStock(controller, 30);
    await pushOrders([order(5)]);
    const after = await tickWithStock(controller, 25);
    expect(p1(after.products)).toMatchObject({ stockStart: 30, unitsOrdered: 23 });
    const again = await assistant.emitWithAck('cue:push', {
      text: '仅剩{库存}件',
      priority: 'normal',
      productId: 'p1',
    });
    expect(again.ok && again.data.cue.text).toBe('仅剩25件');
  });
});
