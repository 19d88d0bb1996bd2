// Cumulative rate counts sampled once per evaluated second, so a window's count is an exact difference of
// two samples (minute buckets would prorate, and a minute that straddles a product switch would lend the old
// product's rate to the new one's baseline). The history restarts whenever the scope (the explained product)
// changes: rates are compared within one product. What a product did in its earlier explain segments of the
// session is kept as its prior (返场: a product comes back), so a dip that begins right as a known product
// returns still has a baseline. The priors pass on to the room's next session (a shop sells the same products
// day after day), each session's weight halved at every hand-over so recent streams count most. Bounded: about
// 36 minutes of samples, one prior per product.
import type { RateCounts } from './alert-input.ts';

/** Per product: its funnel counts while explained in earlier segments (and, weighted down, sessions). */
export type ProductPriors = Map<string, RateCounts>;

/** Longest look-back a rate rule can take: a 5-minute recent window plus a 30-minute baseline. */
const KEEP_MS = 36 * 60_000;

export class CountHistory {
  private scope: string | null | undefined;
  private readonly times: number[] = [];
  private readonly rows: RateCounts[] = [];
  constructor(private readonly priors: ProductPriors = new Map()) {}

  add(ts: number, scope: string | null, counts: RateCounts): void {
    if (scope !== this.scope) {
      this.keepPrior();
      this.scope = scope;
      this.times.length = 0;
      this.rows.length = 0;
    }
    const last = this.times[this.times.length - 1];
    if (last !== undefined && ts <= last) return;
    this.times.push(ts);
    this.rows.push({ ...counts });
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! < ts - KEEP_MS) drop++;
    if (drop > 0) {
      this.times.splice(0, drop);
      this.rows.splice(0, drop);
    }
  }

  /** `scope` undefined (no sample yet) and null (between segments) differ: JSON keeps the latter only. */
  checkpoint(): CountHistoryCheckpoint {
    const { scope } = this;
    return { scope, times: [...this.times], rows: this.rows.map((r) => ({ ...r })), priors: [...this.priors] };
  }

  static restore(s: CountHistoryCheckpoint): CountHistory {
    const h = new CountHistory(new Map(s.priors.map(([id, p]) => [id, { ...p }])));
    h.scope = s.scope;
    h.times.push(...s.times);
    h.rows.push(...s.rows.map((r) => ({ ...r })));
    return h;
  }

  /** What the scope's product did in its earlier segments (null between segments or on a first showing). */
  get prior(): RateCounts | null {
    return this.scope ? (this.priors.get(this.scope) ?? null) : null;
  }

  /** The priors for the room's next session: this session's segments included, older weight halved. */
  handOver(): ProductPriors {
    this.keepPrior();
    this.scope = undefined;
    const next: ProductPriors = new Map();
    for (const [id, p] of this.priors) {
      const half = { ...p };
      for (const k of Object.keys(half) as (keyof RateCounts)[]) half[k] /= 2;
      next.set(id, half);
    }
    return next;
  }

  /** Adds the closing segment's counts to its product's prior. */
  private keepPrior(): void {
    const n = this.rows.length;
    if (!this.scope || n < 2) return;
    const first = this.rows[0]!;
    const last = this.rows[n - 1]!;
    const p = this.priors.get(this.scope) ?? {
      exposures: 0,
      clicks: 0,
      orders: 0,
      paidOrders: 0,
      roomOrders: 0,
      entries: 0,
    };
    for (const k of Object.keys(p) as (keyof RateCounts)[]) p[k] += last[k] - first[k];
    this.priors.set(this.scope, p);
  }

  /** Event time of the oldest sample in scope, or null before any. */
  get since(): number | null {
    return this.times[0] ?? null;
  }

  /** Count of `field` between the samples at fromTs and toTs (each: the latest sample at or before it). */
  between(field: keyof RateCounts, fromTs: number, toTs: number): number {
    const a = this.indexAt(fromTs);
    const b = this.indexAt(toTs);
    if (b < 0) return 0;
    return this.rows[b]![field] - (a < 0 ? this.rows[0]![field] : this.rows[a]![field]);
  }

  /**
   * The latest sample time t in [earliest, latest] with at least `need` of `field` counted between t and
   * toTs; `earliest` (clamped to the history) when even that window holds fewer.
   */
  windowStart(field: keyof RateCounts, need: number, toTs: number, earliest: number, latest: number): number {
    const end = this.indexAt(toTs);
    if (end < 0) return earliest;
    const target = this.rows[end]![field] - need;
    let lo = Math.max(0, this.indexAt(earliest));
    let hi = this.indexAt(latest);
    if (hi < lo || this.rows[lo]![field] > target) return Math.max(earliest, this.times[lo]!);
    // Counts only grow, so the samples with count <= target form a prefix: find its last one.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rows[mid]![field] <= target) lo = mid;
      else hi = mid - 1;
    }
    return this.times[lo]!;
  }

  /** Index of the latest sample at or before ts, or -1. */
  private indexAt(ts: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! <= ts) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

export interface CountHistoryCheckpoint {
  scope?: string | null;
  times: number[];
  rows: RateCounts[];
  priors: [string, RateCounts][];
}
