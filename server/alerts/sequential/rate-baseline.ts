// A product's (or the room's) usual rate of one stage, in successes per effective trial, and the expected
// successes of each new second against it. The baseline only takes in data while its own change statistic is
// at zero (nothing suspicious pending), so a dip never teaches the baseline that it is normal; data pending
// longer than `holdMaxS` goes in anyway (a lasting change becomes the new normal). Old data fades with a
// half-life of HALF_LIFE_S of active time. A thin baseline is shrunk towards zero expected loss (it can only
// under-expect), so a product seen for a few minutes cannot call a dip on its own noise.

/** Design shift of the baseline's own statistic (the rules' statistics use their own `pct`). */
const OWN_DELTA = 0.25;
/** Successes the baseline needs before it is judged on. */
export const MIN_BASE_SUCCESSES = 20;
/** A young baseline takes every second in at once: holding back data that looks low would freeze an estimate
 * that came out high by chance, and the statistic would then climb on nothing. */
const HOLD_MIN_SUCCESSES = 60;
/** Expected successes on the baseline are shrunk by SHRINK_Z standard errors of the baseline itself. */
const SHRINK_Z = 1;

export interface Pace {
  halfLifeS: number;
  holdMaxS: number;
  minSeconds: number;
}
/** A product is judged after PRODUCT_MIN_SECONDS of its own data (given MIN_BASE_SUCCESSES): while younger its
 * baseline takes in everything, so a dip that starts in a product's first minute would teach it the dipped
 * rate if judging waited a whole minute (a 50,000-viewer room has hundreds of clicks within seconds). */
const PRODUCT_MIN_SECONDS = 20;
export const PRODUCT_PACE: Pace = { halfLifeS: 45 * 60, holdMaxS: 600, minSeconds: PRODUCT_MIN_SECONDS };

export interface BaselineState {
  x: number;
  m: number;
  pending: [number, number, number][];
  s: number;
  seconds: number;
}

export class RateBaseline {
  x = 0;
  m = 0;
  /** [sec, x, m] not yet taken into the baseline. */
  private pending: [number, number, number][] = [];
  private s = 0;
  private seconds = 0;
  private readonly decay: number;

  /** `pace`: how fast old data fades and how long suspicious data may be held back (products keep their rate
   * for hours; traffic drifts within minutes). `up`: the statistic watches for a rise (viewers walking out) instead of a fall. */
  constructor(
    prior?: { x: number; m: number },
    private readonly up = false,
    private readonly pace: Pace = PRODUCT_PACE,
  ) {
    this.decay = 0.5 ** (1 / pace.halfLifeS);
    if (prior) {
      this.x = prior.x;
      this.m = prior.m;
      if (prior.x >= MIN_BASE_SUCCESSES) this.seconds = pace.minSeconds;
    }
  }

  /** The conservative usual rate, or null while the baseline is too thin to judge against. */
  rate(): number | null {
    if (this.x < MIN_BASE_SUCCESSES || this.m <= 0 || this.seconds < this.pace.minSeconds) return null;
    return (this.x / this.m) * Math.max(0, 1 - SHRINK_Z / Math.sqrt(this.x));
  }

  /** The expected successes of this second (null if not judged), then takes the second in. */
  step(sec: number, x: number, m: number): number | null {
    if (m <= 0 && x === 0) return null;
    const p0 = this.rate();
    const mu0 = p0 === null ? null : p0 * m;
    this.x *= this.decay;
    this.m *= this.decay;
    this.seconds++;
    if (mu0 === null || this.x < HOLD_MIN_SUCCESSES) {
      this.x += x;
      this.m += m;
      return mu0;
    }
    this.pending.push([sec, x, m]);
    this.s = Math.max(0, this.s + llr(x, mu0, this.up ? -OWN_DELTA : OWN_DELTA));
    this.fold(this.s === 0 ? Number.POSITIVE_INFINITY : sec - this.pace.holdMaxS);
    return mu0;
  }

  private fold(upTo: number): void {
    let i = 0;
    while (i < this.pending.length && this.pending[i]![0] <= upTo) {
      this.x += this.pending[i]![1];
      this.m += this.pending[i]![2];
      i++;
    }
    if (i > 0) this.pending.splice(0, i);
  }

  /** Everything seen, pending included: what the next session starts from. */
  total(): { x: number; m: number } {
    let { x, m } = this;
    for (const [, px, pm] of this.pending) {
      x += px;
      m += pm;
    }
    return { x, m };
  }

  toJSON(): BaselineState {
    return {
      x: this.x,
      m: this.m,
      pending: this.pending.map((p) => [p[0], p[1], p[2]]),
      s: this.s,
      seconds: this.seconds,
    };
  }

  static from(st: BaselineState, up = false, pace: Pace = PRODUCT_PACE): RateBaseline {
    const b = new RateBaseline({ x: st.x, m: st.m }, up, pace);
    b.pending = st.pending.map((p) => [p[0], p[1], p[2]]);
    b.s = st.s;
    b.seconds = st.seconds;
    return b;
  }
}

/** Poisson log-likelihood ratio of one second: rate (1 − delta)·mu0 against mu0 (delta < 0: a rise). */
export function llr(x: number, mu0: number, delta: number): number {
  return x * Math.log(1 - delta) + delta * mu0;
}
