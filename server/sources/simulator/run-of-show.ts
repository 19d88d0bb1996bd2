// The run of show: products are explained in turn (讲解, 3–8 minutes each, a short gap between), each with its
// own click, order and payment rates.
import type { LiveEvent, Product } from '../../../shared/events.ts';
import type { Rng } from './rng.ts';

export interface ProductRates {
  product: Product;
  click: number;
  order: number;
  pay: number;
}

type Emit = (e: LiveEvent) => void;

export class RunOfShow {
  private readonly rates: ProductRates[];
  private index = -1;
  private segmentEnd = 0;
  private gapEnd = 0;
  current: Product | null = null;

  constructor(
    catalogue: Product[],
    private readonly rng: Rng,
  ) {
    this.rates = catalogue.map((product) => ({
      product,
      click: rng.range(0.05, 0.2),
      order: rng.range(0.05, 0.2),
      pay: rng.range(0.6, 0.9),
    }));
  }

  /** Moves the show on at second `t`; returns the rates of the product being explained, if any. */
  step(t: number, emit: Emit): ProductRates | null {
    if (this.rates.length === 0) return null;
    if (this.current && t >= this.segmentEnd) {
      emit({ type: 'explain_end', ts: t, productId: this.current.id });
      this.current = null;
      this.gapEnd = t + this.rng.range(20_000, 60_000);
    }
    if (!this.current && t >= this.gapEnd) {
      this.index = (this.index + 1) % this.rates.length;
      this.current = this.rates[this.index]!.product;
      this.segmentEnd = t + this.rng.range(3 * 60_000, 8 * 60_000);
      emit({ type: 'explain_start', ts: t, productId: this.current.id });
    }
    return this.current ? this.rates[this.index]! : null;
  }
}
