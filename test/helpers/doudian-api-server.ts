// A local 抖店 open API gateway: token.create and order.orderDetail, each checking the request's signature
// the way the platform documents it (recomputed here on its own, not with the connector's function). The
// first `failFirst` order-detail calls answer 500, to exercise the connector's retries.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DoudianOrder {
  order_amount?: number;
  sku_order_list?: { product_id: string; item_num: number }[];
}

export interface DoudianApiServer {
  url: string;
  orders: Map<string, DoudianOrder>;
  failFirst: number;
  calls: { method: string; signOk: boolean; token: string | null }[];
  close(): Promise<void>;
}

export async function startDoudianApiServer(appKey: string, secret: string): Promise<DoudianApiServer> {
  const api: DoudianApiServer = {
    url: '',
    orders: new Map(),
    failFirst: 0,
    calls: [],
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const method = q.get('method') ?? '';
      const pattern = `app_key${q.get('app_key')}method${method}param_json${q.get('param_json')}timestamp${q.get('timestamp')}v${q.get('v')}`;
      const expected = createHmac('sha256', secret).update(`${secret}${pattern}${secret}`).digest('hex');
      const signOk = q.get('app_key') === appKey && q.get('sign') === expected && body === q.get('param_json');
      api.calls.push({ method, signOk, token: q.get('access_token') });
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (!signOk) return reply(200, { err_no: 100003, message: '签名错误' });
      if (method === 'token.create')
        return reply(200, { err_no: 0, data: { access_token: 'tok-1', expires_in: 604800 } });
      if (method !== 'order.orderDetail') return reply(404, {});
      if (q.get('access_token') !== 'tok-1') return reply(200, { err_no: 100004, message: 'token 无效' });
      if (api.failFirst > 0) {
        api.failFirst--;
        return reply(500, {});
      }
      const id = (JSON.parse(body) as { shop_order_id: string }).shop_order_id;
      const order = api.orders.get(id);
      if (!order) return reply(200, { err_no: 50002, message: '订单不存在' });
      reply(200, { err_no: 0, data: { shop_order_detail: { order_id: id, ...order } } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
