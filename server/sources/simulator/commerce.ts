// The funnel while a product is explained: online viewers see its card, some click, some of those order
// (amount = price × quantity), most orders are paid later, a few are refunded. Rates per product come from the
// run of show; dips multiply one stage's rate (dips.ts). With realistic delays an order comes seconds to about a
// minute after its click (product page, size, address) and payment later still, as in real rooms; the original
// simulator's instant orders stay selectable.
import { MAX_AMOUNT } from '../../../shared/constants.ts';
import { instant, type SimContext } from './context.ts';
import type { StageFactors } from './dips.ts';
import type { ProductRates } from './run-of-show.ts';

/** Each online viewer sees the explained product's card about once a minute. */
const EXPOSURES_PER_VIEWER_S = 0.015;
const REFUND_SHARE = 0.02;
const MAX_PAY_DELAY_MS = 15 * 60_000;
const MAX_REFUND_DELAY_MS = 60 * 60_000;
/** Realistic click → order: log-normal, median 12 s, 90 % within ~35 s, capped at 2 minutes. */
const ORDER_DELAY_MEDIAN_MS = 12_000;
const ORDER_DELAY_SIGMA = 0.8;
const MAX_ORDER_DELAY_MS = 2 * 60_000;
/** Realistic order → paid: 5 s plus a log-normal of median 30 s (some pay after minutes). */
const PAY_DELAY_MEDIAN_MS = 30_000;
const PAY_DELAY_SIGMA = 1;

/** 'bimodal' (another lag shape, for held-out streams): 55 % order within seconds (1 s plus an exponential of
 * mean 6 s), the rest after 20–75 s (uniform); payment 3 s plus an exponential of mean 45 s. */
export type FunnelDelays = 'instant' | 'realistic' | 'bimodal';

export class Commerce {
  private orders = 0;

  constructor(
    private readonly ctx: SimContext,
    private readonly seed: number,
    private readonly delays: FunnelDelays = 'instant',
  ) {}

  /** The second starting at `t`, with `f` the stage factors of the dips (1 outside dips). */
  second(t: number, r: ProductRates, f: StageFactors): void {
    const { ctx } = this;
    const productId = r.product.id;
    for (let n = ctx.rng.poisson(ctx.audience.size * EXPOSURES_PER_VIEWER_S); n > 0; n--) {
      const v = ctx.audience.pick(ctx.rng);
      if (!v) return;
      const ts = instant(ctx, t, v);
      ctx.emit({ type: 'product_exposure', ts, id: ctx.id(), productId, userId: v.id });
      const clicked = ctx.rng.chance(r.click * f.click);
      ctx.truth?.trial('click', ts, r.click, r.click * f.click, clicked);
      if (!clicked) continue;
      ctx.emit({ type: 'product_click', ts, id: ctx.id(), productId, userId: v.id });
      const ordered = ctx.rng.chance(r.order * f.order);
      ctx.truth?.trial('order', ts, r.order, r.order * f.order, ordered);
      if (ordered) this.order(ts, r, v.id, f.pay);
    }
  }

  private order(clickTs: number, r: ProductRates, userId: string, payFactor: number): void {
    const { ctx } = this;
    const drawn = ctx.rng.chance(0.85) ? 1 : 2 + ctx.rng.int(2);
    const quantity = r.product.price * drawn > MAX_AMOUNT ? 1 : drawn;
    const amount = Math.round(r.product.price * quantity * 100) / 100; // to the fen, not 179.70000000000002
    const orderId = `o${this.seed}-${this.orders++}`;
    const realistic = this.delays === 'realistic';
    const bimodal = this.delays === 'bimodal';
    const ts = realistic
      ? clickTs + this.logNormal(ORDER_DELAY_MEDIAN_MS, ORDER_DELAY_SIGMA, MAX_ORDER_DELAY_MS)
      : bimodal
        ? clickTs + this.bimodalMs()
        : clickTs;
    const created = {
      type: 'order_created',
      ts,
      id: ctx.id(),
      orderId,
      productId: r.product.id,
      userId,
      amount,
      quantity,
    } as const;
    if (ts === clickTs) ctx.emit(created);
    else ctx.later(created);
    const paid = ctx.rng.chance(r.pay * payFactor);
    ctx.truth?.trial('pay', ts, r.pay, r.pay * payFactor, paid);
    if (!paid) return; // 压单: created, never paid
    const payDelay = realistic
      ? 5000 + this.logNormal(PAY_DELAY_MEDIAN_MS, PAY_DELAY_SIGMA, MAX_PAY_DELAY_MS - 5000)
      : Math.min(MAX_PAY_DELAY_MS, 3000 + Math.round(ctx.rng.exp(bimodal ? 45_000 : 20_000)));
    const paidAt = ts + payDelay;
    ctx.later({ type: 'order_paid', ts: paidAt, id: `${orderId}-paid`, orderId, amount });
    if (!ctx.rng.chance(REFUND_SHARE)) return;
    const refundAt = paidAt + Math.min(MAX_REFUND_DELAY_MS, 60_000 + Math.round(ctx.rng.exp(300_000)));
    ctx.later({ type: 'refund', ts: refundAt, id: `${orderId}-refund`, orderId, amount });
  }

  private bimodalMs(): number {
    const r = this.ctx.rng;
    return Math.round(r.chance(0.55) ? 1000 + r.exp(6000) : r.range(20_000, 75_000));
  }

  /** Whole ms, at least 1 s (so the event lands in a later simulated second than the click). */
  private logNormal(medianMs: number, sigma: number, maxMs: number): number {
    return Math.min(maxMs, Math.max(1000, Math.round(medianMs * Math.exp(sigma * this.ctx.rng.normal()))));
  }
}
