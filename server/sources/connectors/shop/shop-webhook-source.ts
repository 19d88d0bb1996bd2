// Orders from the shop platform's push (the public live feeds carry none). A passive source: it waits for
// POST /api/rooms/:id/webhooks/:platform, checks the platform's signature, maps the shop's product ids to the
// room's, and ingests with ids built from the order and its stage, so a retried push is counted once.

import { type Static, Type } from '@sinclair/typebox';
import type { LiveEvent } from '../../../../shared/events.ts';
import type { SourceHealth } from '../../../../shared/state.ts';
import type { Clock } from '../../../clock.ts';
import type { EventSink, IngestResult, Source } from '../../source.ts';
import { UsualGap } from '../../usual-gap.ts';
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
  },
  { additionalProperties: false },
);
export type ShopWebhookConfig = Static<typeof ShopWebhookConfigSchema>;

export type PushOutcome =
  | { ok: true; reply: unknown; result: IngestResult; ignored: number }
  | { ok: false; status: 400 | 401 | 503; code: string; message: string };

/** The product an order names when the push names none the room knows. */
export const UNMAPPED_PRODUCT = 'shop-unmapped';

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
  private readonly gap = new UsualGap();

  constructor(
    readonly config: ShopWebhookConfig,
    private readonly clock: Clock,
  ) {
    this.adapter = SHOP_ADAPTERS[config.platform]!;
  }

  get platform(): string {
    return this.config.platform;
  }

  start(sink: EventSink): void {
    this.sink = sink;
  }

  async stop(): Promise<void> {
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
    const events = parsed.orders.map((o) => this.toEvent(o, now));
    const result = await this.sink.ingest(events);
    this.received += parsed.orders.length;
    this.ignored += parsed.ignored;
    this.lastSuccessAt = now;
    this.gap.note(now);
    if (result.accepted > 0) this.lastEventAt = now;
    this.error = result.rejected[0] ? `rejected: ${result.rejected[0].message}` : null;
    return { ok: true, reply: this.adapter.okReply, result, ignored: parsed.ignored };
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
      messages: this.received,
      unknown: this.ignored,
      garbage: this.refused,
      sampled: false,
    };
  }
}
