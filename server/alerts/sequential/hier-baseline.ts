// A stage's usual rate as the room's rate times a product factor (successes per effective trial): the room's
// rate is pooled over every product, each product's factor is learnt from its own trials with shrinkage towards
// 1 (a Gamma(k, k) prior: products of one shop convert within a factor of two or so of each other). A product
// never seen before is judged at once against the room's rate, with the spread of products and the room rate's
// own uncertainty as its prior (gammaOf), instead of waiting for a baseline of its own. Data enters only while
// the stage's change statistics are at zero (held back otherwise, for up to HOLD_MAX_S), so a dip never teaches
// the baseline that it is normal; old data fades with a half-life of HALF_LIFE_S of judged seconds.

/** Shape of the product factor's prior until the room shows its own spread: a coefficient of variation of
 * 1/√K_PRODUCT (≈ 0.5). */
export const K_PRODUCT = 4;
/** The spread is learnt from the products with this many successes (empirical Bayes), once there are
 * SPREAD_MIN_PRODUCTS of them; the shape stays within [K_MIN, K_MAX] (factor CV 0.2–0.7). */
const SPREAD_MIN_SUCCESSES = 30;
const SPREAD_MIN_PRODUCTS = 3;
const K_MIN = 2;
const K_MAX = 25;
/** Successes the room needs before any product is judged against its rate. */
export const MIN_ROOM_SUCCESSES = 20;
const HALF_LIFE_S = 45 * 60;
const HOLD_MAX_S = 600;
const DECAY = 0.5 ** (1 / HALF_LIFE_S);

/** The prior of one product's expected successes per effective trial: rate r times a factor ~ Gamma(a, b). */
export interface ProductPrior {
  r: number;
  a: number;
  b: number;
}

export class HierBaseline {
  x = 0;
  m = 0;
  readonly products = new Map<string, { x: number; m: number }>();
  /** [sec, productId, x, m] held back while the stage was suspicious. */
  private pending: [number, string, number, number][] = [];

  constructor(prior?: Map<string, { x: number; m: number }>) {
    for (const [id, t] of prior ?? []) {
      this.products.set(id, { x: t.x, m: t.m });
      this.x += t.x;
      this.m += t.m;
    }
  }

  /** The prior of a product's rate now, or null while the room has too little to judge against. */
  prior(productId: string): ProductPrior | null {
    if (this.x < MIN_ROOM_SUCCESSES || this.m <= 0) return null;
    const r = this.x / this.m;
    // The room's rate is itself uncertain (relative variance ≈ 1 / its successes): it widens the factor's prior.
    const k = 1 / (1 / this.shape(r) + 1 / this.x);
    const p = this.products.get(productId);
    return { r, a: k + (p?.x ?? 0), b: k + r * (p?.m ?? 0) };
  }

  /** The factor prior's shape from the spread of this room's products (method of moments: the variance of
   * their factors less the Poisson noise of each), or K_PRODUCT while too few products are known. */
  private shape(r: number): number {
    let n = 0;
    let sum = 0;
    let sum2 = 0;
    let noise = 0;
    for (const p of this.products.values()) {
      if (p.x < SPREAD_MIN_SUCCESSES || p.m <= 0) continue;
      const f = p.x / p.m / r;
      n++;
      sum += f;
      sum2 += f * f;
      noise += (f * f) / p.x;
    }
    if (n < SPREAD_MIN_PRODUCTS) return K_PRODUCT;
    const mean = sum / n;
    const cv2 = (sum2 / n - mean * mean - noise / n) / (mean * mean);
    return Math.min(K_MAX, Math.max(K_MIN, 1 / Math.max(1 / K_MAX, cv2)));
  }

  /** Takes one judged second of products in: at once when nothing is pending suspicion, else held back. */
  learn(sec: number, seconds: { productId: string; x: number; m: number }[], suspicious: boolean): void {
    this.x *= DECAY;
    this.m *= DECAY;
    for (const p of this.products.values()) {
      p.x *= DECAY;
      p.m *= DECAY;
    }
    for (const s of seconds) if (s.m > 0 || s.x > 0) this.pending.push([sec, s.productId, s.x, s.m]);
    this.fold(suspicious ? sec - HOLD_MAX_S : Number.POSITIVE_INFINITY);
  }

  private fold(upTo: number): void {
    let i = 0;
    while (i < this.pending.length && this.pending[i]![0] <= upTo) {
      const [, id, x, m] = this.pending[i]!;
      let p = this.products.get(id);
      if (!p) {
        p = { x: 0, m: 0 };
        this.products.set(id, p);
      }
      p.x += x;
      p.m += m;
      this.x += x;
      this.m += m;
      i++;
    }
    if (i > 0) this.pending.splice(0, i);
  }

  /** Everything seen, pending included, per product: what the room's next session starts from. */
  totals(): Map<string, { x: number; m: number }> {
    const out = new Map<string, { x: number; m: number }>();
    for (const [id, p] of this.products) out.set(id, { x: p.x, m: p.m });
    for (const [, id, x, m] of this.pending) {
      const t = out.get(id) ?? { x: 0, m: 0 };
      out.set(id, { x: t.x + x, m: t.m + m });
    }
    return out;
  }
}

/** Log likelihood ratio of X successes over M effective trials of one product, "the rate fell by delta" against
 * "as usual", with the product's factor integrated out over its prior (negative binomial marginals). Cumulative
 * over an excursion: a second's evidence is the difference of two calls. */
export function marginalLlr(X: number, M: number, p: ProductPrior, delta: number): number {
  const { r, a, b } = p;
  return X * Math.log(1 - delta) + (a + X) * (Math.log(b + r * M) - Math.log(b + r * (1 - delta) * M));
}
