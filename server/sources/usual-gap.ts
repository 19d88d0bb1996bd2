// How long a pushed feed is usually quiet between two pushes, so that a feed silent for much longer than that
// reads stale instead of healthy forever after its first push (a shop webhook, say). Pure: the caller passes
// the time.
import { SOURCE_STALE_MS } from '../../shared/constants.ts';

/** Silent this many usual gaps: stale. Three keeps a feed with bursty but regular pushes green. */
export const STALE_AFTER_GAPS = 3;
/** Before two pushes have shown a gap: stale after this long without one. */
export const FIRST_GAP_STALE_MS = 5 * 60_000;
/** Weight of the newest gap in the running mean (an exponentially weighted mean: recent habits count most). */
const WEIGHT = 0.2;

export class UsualGap {
  private last: number | null = null;
  private mean: number | null = null;

  note(ts: number): void {
    if (this.last !== null && ts > this.last) {
      const gap = ts - this.last;
      this.mean = this.mean === null ? gap : this.mean + WEIGHT * (gap - this.mean);
    }
    this.last = Math.max(ts, this.last ?? ts);
  }

  /** The usual gap (ms), null until two pushes came. */
  get usualMs(): number | null {
    return this.mean === null ? null : Math.round(this.mean);
  }

  /** Silent for longer than its habit (never below SOURCE_STALE_MS, so a feed pushing every second is not
   * stale after three quiet seconds). False before the first push: nothing was promised yet. */
  stale(now: number): boolean {
    if (this.last === null) return false;
    const limit = this.mean === null ? FIRST_GAP_STALE_MS : Math.max(SOURCE_STALE_MS, STALE_AFTER_GAPS * this.mean);
    return now - this.last > limit;
  }
}
