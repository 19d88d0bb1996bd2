// The run of show: products are explained in turn (讲解, 3–8 minutes each, 20–60 s between, or the `ShowPace`
// given), each product with its own click, order and payment rates, so the per-product table has winners and
// losers. With a pace given the segment lengths come from their own seeded stream, so a plan can know every
// switch in advance (`showSchedule`) and place a dip across one or on a product's first explanation.
import type { Product } from '../../../shared/events.ts';
import type { SimContext } from './context.ts';
import { Rng } from './rng.ts';

/** Segment and gap lengths, ms (drawn uniformly); `seed` draws them apart from the room's other randomness. */
export interface ShowPace {
  segmentMs: [number, number];
  gapMs: [number, number];
  seed: number;
}

export interface Segment {
  /** Offsets from the stream's start, ms. */
  startMs: number;
  endMs: number;
  /** Index in the catalogue. */
  product: number;
  /** The product's first explanation in this session. */
  first: boolean;
}

/** The segments a paced show runs through in its first `untilMs`, exactly as RunOfShow steps them. */
export function showSchedule(pace: ShowPace, products: number, untilMs: number): Segment[] {
  const rng = new Rng(pace.seed);
  const out: Segment[] = [];
  let gapEnd = 0;
  for (let i = 0; gapEnd < untilMs; i++) {
    const startMs = Math.ceil(gapEnd / 1000) * 1000;
    const endMs = Math.ceil((startMs + rng.range(...pace.segmentMs)) / 1000) * 1000;
    out.push({ startMs, endMs, product: i % products, first: i < products });
    gapEnd = endMs + rng.range(...pace.gapMs);
  }
  return out;
}

export interface ProductRates {
  product: Product;
  /** exposure → click */
  click: number;
  /** click → order */
  order: number;
  /** order → paid */
  pay: number;
}

export class RunOfShow {
  private readonly rates: ProductRates[];
  private index = -1;
  private segmentEnd = 0;
  private gapEnd = 0;
  private current: ProductRates | null = null;
  private readonly paceRng: Rng | null;

  /** `shop` draws each product's rates: the same shop's products convert alike from one session to the next. */
  constructor(
    catalogue: Product[],
    private readonly ctx: SimContext,
    shop: Rng = ctx.rng,
    private readonly pace?: ShowPace,
  ) {
    this.paceRng = pace ? new Rng(pace.seed) : null;
    this.rates = catalogue.map((product) => ({
      product,
      click: shop.range(0.05, 0.2),
      order: shop.range(0.05, 0.2),
      pay: shop.range(0.6, 0.9),
    }));
  }

  /** Moves the show on at the start of second `t`; returns the product being explained, if any. */
  step(t: number): ProductRates | null {
    if (this.rates.length === 0) return null;
    if (this.current && t >= this.segmentEnd) {
      this.end(t);
      this.gapEnd = t + (this.paceRng ? this.paceRng.range(...this.pace!.gapMs) : this.ctx.rng.range(20_000, 60_000));
    }
    if (!this.current && t >= this.gapEnd) {
      this.index = (this.index + 1) % this.rates.length;
      this.current = this.rates[this.index]!;
      this.segmentEnd =
        t + (this.paceRng ? this.paceRng.range(...this.pace!.segmentMs) : this.ctx.rng.range(3 * 60_000, 8 * 60_000));
      this.ctx.emit({ type: 'explain_start', ts: t, id: this.ctx.id(), productId: this.current.product.id });
    }
    return this.current;
  }

  /** Closes the segment in progress (the stream ended, or its time is up). */
  end(t: number): void {
    if (!this.current) return;
    this.ctx.emit({ type: 'explain_end', ts: t, id: this.ctx.id(), productId: this.current.product.id });
    this.current = null;
  }
}
