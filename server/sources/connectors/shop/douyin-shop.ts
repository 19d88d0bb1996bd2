// 抖店 (Douyin shop) message push: POST with headers `app-id` and `event-sign`, body a JSON array of
// `{ tag, msg_id, data }` where `data` is a JSON string. event-sign = md5(app_key + body + app_secret), hex.
// Tags used: 100 order created, 101 order paid, 206 refund succeeded; the others (shipping, after-sale
// requests, address changes…) are acknowledged and ignored. Amounts arrive in fen (分).
import { createHash, timingSafeEqual } from 'node:crypto';
import { arr, num, obj, parseJsonLongIds, str } from '../map-helpers.ts';
import type { ParsedPush, ShopAdapter, ShopOrderMessage } from './shop-adapter.ts';

const FEN_PER_YUAN = 100;
const TAG = { created: '100', paid: '101', refunded: '206' } as const;

const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export function doudianSign(appKey: string, rawBody: string, secret: string): string {
  return createHash('md5').update(`${appKey}${rawBody}${secret}`, 'utf8').digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const yuan = (fen: unknown) => Math.round(num(fen) ?? 0) / FEN_PER_YUAN;
const idOf = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : str(v, 128));

function order(tag: string, d: Record<string, unknown>): ShopOrderMessage | null {
  const orderId = idOf(d.p_id);
  if (!orderId) return null;
  if (tag === TAG.paid) return { kind: 'paid', key: `${orderId}-paid`, orderId, amount: yuan(d.pay_amount) };
  if (tag === TAG.refunded) {
    const after = idOf(d.aftersale_id) ?? orderId;
    return { kind: 'refunded', key: `${orderId}-refund-${after}`, orderId, amount: yuan(d.refund_amount) };
  }
  // Order created: the push names the order; product, amount and buyer when the message carries them.
  const sku = obj(arr(d.sku_order_list)?.[0]);
  const fen = d.order_amount ?? d.pay_amount;
  const m: ShopOrderMessage = { kind: 'created', key: `${orderId}-created`, orderId, amount: yuan(fen) };
  // Tag 100 usually carries only ids and status: an amount it lacks is unknown, never 0.
  if (num(fen) === null) m.amountUnknown = true;
  const product = idOf(d.product_id ?? sku?.product_id);
  if (product) m.shopProductId = product;
  const qty = num(d.item_num ?? sku?.item_num);
  if (qty && qty >= 1) m.quantity = Math.round(qty);
  const buyer = idOf(d.buyer_id ?? d.open_id);
  if (buyer) m.buyerId = buyer;
  return m;
}

export const douyinShop: ShopAdapter = {
  platform: 'douyin-shop',
  okReply: { code: 0, msg: 'success' },

  verify(headers, rawBody, secret, appKey) {
    const sign = header(headers, 'event-sign');
    const app = header(headers, 'app-id');
    if (!sign || !appKey || app !== appKey) return false;
    return sameText(sign.toLowerCase(), doudianSign(appKey, rawBody, secret));
  },

  parse(rawBody): ParsedPush | null {
    let body: unknown;
    try {
      body = parseJsonLongIds(rawBody);
    } catch {
      return null;
    }
    const list = arr(body);
    if (!list) return null;
    const out: ParsedPush = { orders: [], ignored: 0 };
    for (const item of list) {
      const m = obj(item);
      const tag = m ? String(m.tag ?? '') : '';
      let data: Record<string, unknown> | null = null;
      try {
        data = typeof m?.data === 'string' ? obj(parseJsonLongIds(m.data)) : obj(m?.data);
      } catch {
        data = null;
      }
      const o = data && Object.values(TAG).includes(tag as never) ? order(tag, data) : null;
      if (o) out.orders.push(o);
      else out.ignored++;
    }
    return out;
  },
};
