// The funnel while a product is explained: online viewers see its card, some click, some of those order
// (amount = price × quantity), most orders are paid seconds later, a few are refunded. Rates per product
// come from the run of show; a conversion dip multiplies click and order rates by (1 − depth).
import { MAX_AMOUNT } from '../../../shared/constants.ts';
import { instant, type SimContext } from './context.ts';
import type { ProductRates } from './run-of-show.ts';

/** Each online viewer sees the explained product's card about once a minute. */
const EXPOSURES_PER_VIEWER_S = 0.015;
const REFUND_SHARE = 0.02;
const MAX_PAY_DELAY_MS = 15 * 60_000;
const MAX_REFUND_DELAY_MS = 60 * 60_000;

export class Commerce {
  private orders = 0;

  constructor(
    private readonly ctx: SimContext,
    private readonly seed: number,
  ) {}

  /** The second starting at `t`, with `conversion` the dip factor (1 outside conversion dips). */
  second(t: number, r: ProductRates, conversion: number): void {
    const { ctx } = this;
    const productId = r.product.id;
    for (let n = ctx.rng.poisson(ctx.audience.size * EXPOSURES_PER_VIEWER_S); n > 0; n--) {
      const v = ctx.audience.pick(ctx.rng);
      if (!v) return;
      const ts = instant(ctx, t, v);
      ctx.emit({ type: 'product_exposure', ts, id: ctx.id(), productId, userId: v.id });
      if (!ctx.rng.chance(r.click * conversion)) continue;
      ctx.emit({ type: 'product_click', ts, id: ctx.id(), productId, userId: v.id });
      if (ctx.rng.chance(r.order * conversion)) this.order(ts, r, v.id);
    }
  }

  private order(ts: number, r: ProductRates, userId: string): void {
    const { ctx } = this;
    const drawn = ctx.rng.chance(0.85) ? 1 : 2 + ctx.rng.int(2);
    const quantity = r.product.price * drawn > MAX_AMOUNT ? 1 : drawn;
    const amount = Math.round(r.product.price * quantity * 100) / 100; // to the fen, not 179.70000000000002
    const orderId = `o${this.seed}-${this.orders++}`;
    ctx.emit({ type: 'order_created', ts, id: ctx.id(), orderId, productId: r.product.id, userId, amount, quantity });
    if (!ctx.rng.chance(r.pay)) return; // 压单: created, never paid
    const paidAt = ts + Math.min(MAX_PAY_DELAY_MS, 3000 + Math.round(ctx.rng.exp(20_000)));
    ctx.later({ type: 'order_paid', ts: paidAt, id: `${orderId}-paid`, orderId, amount });
    if (!ctx.rng.chance(REFUND_SHARE)) return;
    const refundAt = paidAt + Math.min(MAX_REFUND_DELAY_MS, 60_000 + Math.round(ctx.rng.exp(300_000)));
    ctx.later({ type: 'refund', ts: refundAt, id: `${orderId}-refund`, orderId, amount });
  }
}
