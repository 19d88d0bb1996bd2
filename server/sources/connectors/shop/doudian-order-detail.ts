// 抖店 open API: the order-detail call (order.orderDetail) that completes a tag-100 push, which names the
// order but not its amount or products. Requests are signed as the open platform documents and its SDKs
// do (minibear2021/doudian `doudian/core.py`): sign = hex(HMAC-SHA256(key = app_secret, app_secret +
// "app_key" + key + "method" + method + "param_json" + json + "timestamp" + ts + "v2" + app_secret)), with
// param_json's keys sorted. Every call goes through the outbound policy, with a per-attempt timeout, a few
// retries and an overall deadline; it never throws, a failed lookup is `null` with its reason kept.
import { createHmac } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import { fetchJson } from '../../fetch-json.ts';
import type { OutboundPolicy } from '../../outbound-policy.ts';
import { arr, num, obj, str } from '../map-helpers.ts';

export const DOUDIAN_GATEWAY = 'https://openapi-fxg.jinritemai.com';
const FEN_PER_YUAN = 100;
/** Beijing time: the open platform reads `timestamp` as yyyy-MM-dd HH:mm:ss in GMT+8. */
const GMT8_MS = 8 * 3_600_000;
/** A token is renewed this long before the platform says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

export const DoudianApiSchema = Type.Object(
  {
    /** A self-use app's shop id: the token is created with grant_type authorization_self. */
    shopId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** Or an access token obtained elsewhere (a tool app's authorisation). */
    accessToken: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    /** The API gateway; tests point it at a local server. */
    gateway: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type DoudianApi = Static<typeof DoudianApiSchema>;

export interface OrderDetail {
  /** Yuan. */
  amount: number;
  shopProductId?: string;
  quantity?: number;
  buyerId?: string;
}

export interface DetailOptions {
  appKey: string;
  secret: string;
  api: DoudianApi;
  policy: OutboundPolicy;
  now: () => number;
  /** Per attempt. */
  timeoutMs?: number;
  /** Waits before the 2nd, 3rd… attempt. */
  retryDelaysMs?: number[];
  /** The whole lookup, retries included. */
  deadlineMs?: number;
}

export function doudianApiSign(appKey: string, secret: string, method: string, paramJson: string, timestamp: string) {
  const text = `${secret}app_key${appKey}method${method}param_json${paramJson}timestamp${timestamp}v2${secret}`;
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/** JSON with keys sorted, no spaces: the form the signature is computed over. */
export function sortedJson(params: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1))));
}

export function gmt8(ms: number): string {
  return new Date(ms + GMT8_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export class DoudianOrderDetail {
  private token: { value: string; until: number } | null = null;
  /** Why the last lookup failed (shown on the source). */
  lastError: string | null = null;

  constructor(private readonly o: DetailOptions) {}

  /** The order's amount, first product and quantity; null when the platform did not say within the deadline. */
  async complete(orderId: string): Promise<OrderDetail | null> {
    const started = this.o.now();
    const delays = this.o.retryDelaysMs ?? [500, 2000];
    const deadline = this.o.deadlineMs ?? 15_000;
    for (let attempt = 0; ; attempt++) {
      try {
        const data = await this.call('/order/orderDetail', 'order.orderDetail', { shop_order_id: orderId });
        const detail = readDetail(data);
        if (detail) {
          this.lastError = null;
          return detail;
        }
        this.lastError = '订单详情里没有金额';
        return null; // an answer without an amount is not retried
      } catch (err) {
        this.lastError = `订单详情查询失败：${(err as Error).message}`;
      }
      const wait = delays[attempt];
      if (wait === undefined || this.o.now() - started + wait >= deadline) return null;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async accessToken(): Promise<string> {
    if (this.o.api.accessToken) return this.o.api.accessToken;
    if (this.token && this.o.now() < this.token.until) return this.token.value;
    if (!this.o.api.shopId) throw new Error('no shop id or access token configured');
    const params = { code: '', grant_type: 'authorization_self', shop_id: this.o.api.shopId };
    const data = obj(await this.call('/token/create', 'token.create', params, false));
    const value = str(data?.access_token, 500);
    if (!value) throw new Error('the platform gave no access token');
    const ttlMs = (num(data?.expires_in) ?? 3600) * 1000;
    this.token = { value, until: this.o.now() + Math.max(0, ttlMs - TOKEN_MARGIN_MS) };
    return value;
  }

  private async call(path: string, method: string, params: Record<string, string>, withToken = true) {
    const paramJson = sortedJson(params);
    const timestamp = gmt8(this.o.now());
    const query = new URLSearchParams({ app_key: this.o.appKey, method });
    if (withToken) query.set('access_token', await this.accessToken());
    query.set('param_json', paramJson);
    query.set('timestamp', timestamp);
    query.set('v', '2');
    query.set('sign_method', 'hmac-sha256');
    query.set('sign', doudianApiSign(this.o.appKey, this.o.secret, method, paramJson, timestamp));
    const url = `${(this.o.api.gateway ?? DOUDIAN_GATEWAY).replace(/\/$/, '')}${path}?${query}`;
    const res = obj(
      await fetchJson(url, {
        headers: { 'content-type': 'application/json' },
        timeoutMs: this.o.timeoutMs ?? 5000,
        policy: this.o.policy,
        body: paramJson,
      }),
    );
    // err_no 0 (v2) or code 10000 (the older envelope) is success; anything else is the platform's refusal.
    if (num(res?.err_no) !== 0 && num(res?.code) !== 10000)
      throw new Error(`平台拒绝（${str(res?.err_no ?? res?.code, 20) ?? '?'}）`);
    return res?.data;
  }
}

function readDetail(data: unknown): OrderDetail | null {
  const d = obj(obj(data)?.shop_order_detail) ?? obj(data);
  const amount = num(d?.order_amount ?? d?.pay_amount);
  if (!d || amount === null) return null;
  const skus = (arr(d.sku_order_list) ?? []).map(obj).filter((x) => x !== null);
  const first = skus[0];
  const out: OrderDetail = { amount: Math.round(amount) / FEN_PER_YUAN };
  const product = first
    ? (str(first.product_id, 128) ?? (num(first.product_id) !== null ? String(first.product_id) : null))
    : null;
  if (product) out.shopProductId = product;
  const qty = skus.reduce((n, s) => n + (num(s.item_num) ?? 0), 0);
  if (qty >= 1) out.quantity = Math.min(100_000, Math.round(qty));
  const buyer = str(d.doudian_open_id ?? d.open_id, 128);
  if (buyer) out.buyerId = buyer;
  return out;
}
