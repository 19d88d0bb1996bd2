// How long successes take to follow their trials (click → order, order → paid), learnt from the room's own
// attributed pairs, in whole seconds up to the attribution window. F(a) = P(lag < a s | a success comes): a
// cohort of clicks a seconds old has had F(a) of its orders, so it counts as F(a) of a mature cohort (censored
// survival, first order in the rate). A weak prior keeps F sensible before the room has shown any lag.
export const LAG_MAX_S = 300;
const PRIOR_WEIGHT = 3;
const PRIOR_MEAN_S = 20;
const REFRESH_EVERY = 16;

export class LagCdf {
  private readonly hist = new Float64Array(LAG_MAX_S);
  private total = 0;
  private readonly table = new Float64Array(LAG_MAX_S + 1);
  private sinceRefresh = REFRESH_EVERY;

  constructor(private readonly priorMeanS = PRIOR_MEAN_S) {
    // Exponential prior mass over the window.
    for (let a = 0; a < LAG_MAX_S; a++) {
      const w = Math.exp(-a / priorMeanS) - Math.exp(-(a + 1) / priorMeanS);
      this.hist[a] = PRIOR_WEIGHT * w;
      this.total += PRIOR_WEIGHT * w;
    }
    this.refresh();
  }

  /** Pairs seen (the prior's weight left out): a rate judged through a prior-only F is biased (the prior's
   * tail defers credit the real lags would give at once), so judging waits until the room has shown its lags. */
  get seen(): number {
    return this.total - PRIOR_WEIGHT;
  }

  /** The same distribution at `share` of its weight (the next session starts from the shop's lags, as the
   * baselines do; the prior's weight stays whole). */
  scaled(share: number): LagCdf {
    const c = new LagCdf(this.priorMeanS ?? PRIOR_MEAN_S);
    for (let a = 0; a < LAG_MAX_S; a++) c.hist[a] = c.hist[a]! + Math.max(0, this.hist[a]! - c.hist[a]!) * share;
    c.total = c.hist.reduce((x, y) => x + y, 0);
    c.refresh();
    return c;
  }

  observe(lagS: number): void {
    if (!(lagS >= 0) || lagS >= LAG_MAX_S) return;
    this.hist[Math.floor(lagS)]! += 1;
    this.total += 1;
    this.sinceRefresh++;
  }

  /** F at age `a` seconds (0 → 0, ≥ LAG_MAX_S → 1). */
  at(a: number): number {
    if (this.sinceRefresh >= REFRESH_EVERY) this.refresh();
    if (a <= 0) return 0;
    return a >= LAG_MAX_S ? 1 : this.table[a]!;
  }

  private refresh(): void {
    let acc = 0;
    this.table[0] = 0;
    for (let a = 0; a < LAG_MAX_S; a++) {
      acc += this.hist[a]!;
      this.table[a + 1] = acc / this.total;
    }
    this.sinceRefresh = 0;
  }

  toJSON(): { hist: number[]; total: number } {
    return { hist: [...this.hist], total: this.total };
  }

  static from(s: { hist: number[]; total: number }): LagCdf {
    const c = new LagCdf();
    c.hist.set(s.hist.slice(0, LAG_MAX_S));
    c.total = s.total;
    c.refresh();
    return c;
  }
}
