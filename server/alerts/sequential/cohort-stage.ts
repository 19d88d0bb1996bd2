// One funnel stage judged by cohort (exposure → click, click → order, order → paid): a success counts toward
// the trial that led to it (same user and product, or the same order), whenever it arrives within LAG_MAX_S,
// so a product's late orders still count for it after a switch and a dip of click → order is not diluted by
// the orders of clicks made before it. Young trials are censored: each second a cohort of trials a seconds old
// adds F(a+1) − F(a) of itself to the product's effective trials (lag-cdf.ts), so the expected successes of a
// second are the baseline rate times that increment, with no waiting for cohorts to mature.
import { LAG_MAX_S, LagCdf } from './lag-cdf.ts';

/** One product's second: attributed successes, new trials, and the effective trials that matured. */
export interface StageSecond {
  productId: string;
  x: number;
  n: number;
  m: number;
}

export class ProductCohort {
  readonly ring = new Float64Array(LAG_MAX_S);
  readonly ringSec = new Float64Array(LAG_MAX_S).fill(-1);
  lastTrialSec = Number.NEGATIVE_INFINITY;
  x = 0;
  n = 0;
  /** Effective trials of counted trials placed in past seconds, credited at once (absent in old checkpoints). */
  caught = 0;
  /** Trials known from a platform's counters: successes and matured trials are judged per counters interval,
   * released together when the next counters arrive (a success that came before its trial was counted must
   * meet its expectation in the same judged span). */
  batch: { x: number; n: number; m: number; release: boolean; lastSec: number } | null = null;
}

/** A product whose counters stopped has its last interval released after this long. */
const BATCH_STALE_S = 90;

export class CohortStage {
  private readonly products = new Map<string, ProductCohort>();
  /** Trials still open for attribution, by key: their product and seconds, oldest first. */
  private readonly open = new Map<string, { productId: string; secs: number[] }>();
  private readonly expiry: [number, string][] = [];
  private expiryHead = 0;
  readonly lag: LagCdf;
  /** The stage's trials come from counters: every product is judged per counters interval. */
  batched = false;

  /** `windowS`: how long a trial may still be credited (at most LAG_MAX_S; a card's click follows its exposure
   * within seconds, so that stage keeps far fewer open trials). `lag`: the lags handed over from the room's
   * previous session. */
  constructor(
    priorLagMeanS?: number,
    private readonly windowS = LAG_MAX_S,
    lag?: LagCdf,
  ) {
    this.lag = lag ?? new LagCdf(priorLagMeanS);
  }

  trial(ts: number, productId: string, key: string | undefined): void {
    const sec = Math.floor(ts / 1000);
    const p = this.product(productId);
    const i = sec % LAG_MAX_S;
    if (p.ringSec[i] !== sec) {
      p.ringSec[i] = sec;
      p.ring[i] = 0;
    }
    p.ring[i]! += 1;
    p.n++;
    p.lastTrialSec = Math.max(p.lastTrialSec, sec);
    if (key === undefined) return;
    const o = this.open.get(key);
    if (o && o.productId === productId) o.secs.push(sec);
    else this.open.set(key, { productId, secs: [sec] });
    this.expiry.push([sec, key]);
  }

  /** Attributes a success to its key's latest open trial; returns the trial's product, or null. With
   * `productId` (counts-only feeds: no link to a viewer), a success no trial claims counts for that product at
   * its own time, as the cohort's expected successes are spread over the lags. */
  success(ts: number, key: string | undefined, productId?: string): string | null {
    const linked = key === undefined ? null : this.link(ts, key);
    if (linked !== null || productId === undefined) return linked;
    this.product(productId).x++;
    return productId;
  }

  /** `n` trials known only as a count that happened around `atTs` (a platform's counters, at the middle of
   * their interval), seen at `nowTs`: the share of them already matured counts at once. */
  trialsAt(nowTs: number, atTs: number, productId: string, n: number): void {
    if (n <= 0) return;
    const now = Math.floor(nowTs / 1000);
    const sec = Math.max(now - LAG_MAX_S + 1, Math.min(now, Math.floor(atTs / 1000)));
    const p = this.product(productId);
    const i = sec % LAG_MAX_S;
    if (p.ringSec[i] !== sec) {
      p.ringSec[i] = sec;
      p.ring[i] = 0;
    }
    p.ring[i]! += n;
    p.n += n;
    p.lastTrialSec = Math.max(p.lastTrialSec, sec);
    p.caught = (p.caught ?? 0) + n * this.lag.at(now - sec);
    p.batch ??= { x: 0, n: 0, m: 0, release: false, lastSec: now };
    p.batch.release = true;
    this.batched = true;
  }

  /** `n` successes known only as a count, for the product. */
  credit(productId: string, n: number): void {
    if (n > 0) this.product(productId).x += n;
  }

  private link(ts: number, key: string): string | null {
    const o = this.open.get(key);
    const sec = o?.secs.pop();
    if (!o || sec === undefined) return null;
    const lagS = Math.floor(ts / 1000) - sec;
    if (lagS < 0 || lagS >= this.windowS) return null;
    this.lag.observe(lagS);
    this.product(o.productId).x++;
    return o.productId;
  }

  /** Closes second `sec`: each product's successes, trials and matured effective trials. */
  step(sec: number, out: StageSecond[]): void {
    this.expire(sec);
    for (const [productId, p] of this.products) {
      if (p.lastTrialSec < sec - LAG_MAX_S && p.x === 0) continue;
      let m = p.caught ?? 0;
      p.caught = 0;
      for (let age = 0; age < LAG_MAX_S; age++) {
        const c = sec - age;
        const i = ((c % LAG_MAX_S) + LAG_MAX_S) % LAG_MAX_S;
        if (p.ringSec[i] !== c) continue;
        m += p.ring[i]! * (this.lag.at(age + 1) - this.lag.at(age));
      }
      if (this.batched && !p.batch) p.batch = { x: 0, n: 0, m: 0, release: false, lastSec: sec };
      const b = p.batch;
      if (b) {
        b.x += p.x;
        b.n += p.n;
        b.m += m;
        p.x = 0;
        p.n = 0;
        if (!b.release && sec - b.lastSec < BATCH_STALE_S) continue;
        out.push({ productId, x: b.x, n: b.n, m: b.m });
        p.batch = { x: 0, n: 0, m: 0, release: false, lastSec: sec };
        continue;
      }
      out.push({ productId, x: p.x, n: p.n, m });
      p.x = 0;
      p.n = 0;
    }
  }

  private product(id: string): ProductCohort {
    let p = this.products.get(id);
    if (!p) {
      p = new ProductCohort();
      this.products.set(id, p);
    }
    return p;
  }

  /** Trials older than the window can no longer be credited. */
  private expire(sec: number): void {
    while (this.expiryHead < this.expiry.length && this.expiry[this.expiryHead]![0] <= sec - this.windowS) {
      const [s, key] = this.expiry[this.expiryHead++]!;
      const o = this.open.get(key);
      if (o && o.secs[0] === s) o.secs.shift();
      if (o && o.secs.length === 0) this.open.delete(key);
    }
    if (this.expiryHead > 1024 && this.expiryHead * 2 > this.expiry.length) {
      this.expiry.splice(0, this.expiryHead);
      this.expiryHead = 0;
    }
  }
}
