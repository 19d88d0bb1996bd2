// Orders from the shop platform's push (the public live feeds carry none). A passive source: it waits for
// POST /api/rooms/:id/webhooks/:platform, checks the platform's signature, maps the shop's product ids to the
// room's, and ingests with ids built from the order and its stage, so a retried push is counted once.

import { type Static, Type } from '@sinclair/typebox';
import type { LiveEvent } from '../../../../shared/events.ts';
import type { SourceHealth } from '../../../../shared/state.ts';
import type { Clock } from '../../../clock.ts';
import { OutboundPolicy } from '../../outbound-policy.ts';
import type { EventSink, IngestResult, Source } from '../../source.ts';
import { UsualGap } from '../../usual-gap.ts';
import { DoudianApiSchema, DoudianOrderDetail } from './doudian-order-detail.ts';
import { douyinShop } from './douyin-shop.ts';
import type { ShopAdapter, ShopOrderMessage } from './shop-adapter.ts';

export const SHOP_ADAPTERS: Record<string, ShopAdapter> = { [douyinShop.platform]: douyinShop };

export const ShopWebhookConfigSchema = Type.Object(
  {
    kind: Type.Literal('shop-webhook'),
    platform: Type.Union(Object.keys(SHOP_ADAPTERS).map((p) => Type.Literal(p))),
    /** The app secret the platform signs its pushes with. */
    secret: Type.String({ minLength: 8, maxLength: 200 }),
    /** The app key (抖店 sends it as app-id and signs with it). */
    appKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** Shop product id → the room's product id (the 讲解 and product cards use the room's ids). */
    productMap: Type.Optional(
      Type.Record(Type.String({ maxLength: 128 }), Type.String({ minLength: 1, maxLength: 128 }), {
        maxProperties: 1000,
      }),
    ),
    /** 抖店 open API access: with it, orders pushed without an amount are completed by the order-detail call. */
    api: Type.Optional(DoudianApiSchema),
  },
  { additionalProperties: false },
);
export type ShopWebhookConfig = Static<typeof ShopWebhookConfigSchema>;

export type PushOutcome =
  | { ok: true; reply: unknown; result: IngestResult; ignored: number }
  | { ok: false; status: 400 | 401 | 503; code: string; message: string };

/** The product an order names when the push names none the room knows. */
export const UNMAPPED_PRODUCT = 'shop-unmapped';

const AMOUNT_PENDING_NOTE = '抖店推送不含订单金额：金额未知的订单在支付后计入 GMV（配置开放平台接口可即时补全）';

export class ShopWebhookSource implements Source {
  readonly kind = 'shop-webhook';
  readonly passive = true;
  private sink: EventSink | null = null;
  private readonly adapter: ShopAdapter;
  private received = 0;
  private refused = 0;
  private ignored = 0;
  private lastSuccessAt: number | null = null;
  private lastEventAt: number | null = null;
  private error: string | null = null;
  private note: string | null = null;
  /** The order-detail lookup, when the app's key, secret and API access are configured. */
  private readonly detail: DoudianOrderDetail | null;
  /** Lookups under way: stop() waits for them (their events go to the sink before it is let go). */
  private readonly pending = new Set<Promise<void>>();
  private readonly gap = new UsualGap();

  constructor(
    readonly config: ShopWebhookConfig,
    private readonly clock: Clock,
    policy: OutboundPolicy = new OutboundPolicy(),
  ) {
    this.adapter = SHOP_ADAPTERS[config.platform]!;
    this.detail =
      config.api && config.appKey
        ? new DoudianOrderDetail({
            appKey: config.appKey,
            secret: config.secret,
            api: config.api,
            policy,
            now: () => clock.now(),
          })
        : null;
  }

  get platform(): string {
    return this.config.platform;
  }

  start(sink: EventSink): void {
    this.sink = sink;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.pending]);
    this.sink = null;
  }

  async receive(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<PushOutcome> {
    if (!this.adapter.verify(headers, rawBody, this.config.secret, this.config.appKey)) {
      this.refused++;
      this.error = 'a push with a bad signature was refused';
      return { ok: false, status: 401, code: 'bad_signature', message: 'the signature does not match this source' };
    }
    const parsed = this.adapter.parse(rawBody);
    if (!parsed) return { ok: false, status: 400, code: 'bad_push', message: `not a ${this.platform} push body` };
    if (!this.sink) return { ok: false, status: 503, code: 'source_stopped', message: 'this source is stopped' };
    const now = this.clock.now();
    // Orders without an amount wait for the order-detail call (the push is answered at once: the platform
    // retries slow answers); without API access they go in now, marked amount unknown.
    const later = this.detail ? parsed.orders.filter((o) => o.amountUnknown) : [];
    for (const o of later) this.completeLater(o, now);
    if (!this.detail && parsed.orders.some((o) => o.amountUnknown)) this.note = AMOUNT_PENDING_NOTE;
    const events = parsed.orders.filter((o) => !later.includes(o)).map((o) => this.toEvent(o, now));
    const result = await this.sink.ingest(events);
    this.received += parsed.orders.length;
    this.ignored += parsed.ignored;
    this.lastSuccessAt = now;
    this.gap.note(now);
    if (result.accepted > 0) this.lastEventAt = now;
    this.error = result.rejected[0] ? `rejected: ${result.rejected[0].message}` : null;
    return { ok: true, reply: this.adapter.okReply, result, ignored: parsed.ignored };
  }

  private completeLater(o: ShopOrderMessage, ts: number): void {
    const task = (async () => {
      const d = await this.detail!.complete(o.orderId);
      const full: ShopOrderMessage = d ? { ...o, ...d } : o;
      if (d) delete full.amountUnknown;
      else {
        this.error = this.detail!.lastError;
        this.note = AMOUNT_PENDING_NOTE;
      }
      await this.sink?.ingest([this.toEvent(full, ts)]);
    })().catch(() => {}); // the sink's own failures are its health's business
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  private toEvent(o: ShopOrderMessage, ts: number): LiveEvent {
    const id = `${this.platform}-${o.key}`.slice(0, 128);
    if (o.kind === 'paid') return { type: 'order_paid', ts, id, orderId: o.orderId, amount: o.amount };
    if (o.kind === 'refunded') return { type: 'refund', ts, id, orderId: o.orderId, amount: o.amount };
    const productId =
      (o.shopProductId && this.config.productMap?.[o.shopProductId]) || o.shopProductId || UNMAPPED_PRODUCT;
    const e: LiveEvent = { type: 'order_created', ts, id, orderId: o.orderId, productId, amount: o.amount };
    if (o.quantity) e.quantity = o.quantity;
    if (o.buyerId) e.userId = o.buyerId;
    if (o.amountUnknown) e.amountUnknown = true;
    return e;
  }

  health(): SourceHealth {
    const now = this.clock.now();
    return {
      kind: this.kind,
      status: this.lastSuccessAt === null ? 'idle' : this.gap.stale(now) ? 'stale' : 'ok',
      phase: this.lastSuccessAt === null ? 'waiting' : 'live',
      lastEventAt: this.lastEventAt,
      lastSuccessAt: this.lastSuccessAt,
      lagMs: this.lastSuccessAt === null ? null : now - this.lastSuccessAt,
      error: this.error,
      ...(this.note ? { note: this.note } : {}),
      messages: this.received,
      unknown: this.ignored,
      garbage: this.refused,
      sampled: false,
    };
  }
}
