// Distinct counting with bounded memory: exact (a Set) up to `exactLimit` keys, then HyperLogLog. Small rooms
// get exact figures; a room with millions of viewers costs 64 KiB per counter instead of a set of millions.
//
// After the switch, `add` is approximate: it returns true when the key moved an HLL register, which is certain
// proof of a new key, but most new keys in a big set move no register and return false. Callers may use the
// result to count, never to decide something about one person (e.g. "first visit" bonuses).
import { type HllCheckpoint, HyperLogLog } from './hyperloglog.ts';

export const EXACT_LIMIT = 50_000;
/** 1.04/√65,536 ≈ 0.41 % standard error, so a million-viewer count stays within the 1 % the screen promises
 * with ~98 % confidence; precision 14 (0.81 %) measured 1.14 % off at 1M here. A Set of 50,000 keys already
 * costs megabytes, so the 64 KiB after the switch is a saving either way. */
export const DISTINCT_HLL_PRECISION = 16;

/** Rough V8 costs for the exact phase: a Set slot (hash table entry and bucket) and a string header. Used for
 * memory budgets, not accounting: strings shared with other structures are counted here too. */
const SET_ENTRY_BYTES = 16;
const STRING_HEADER_BYTES = 16;

export interface DistinctCounterOptions {
  exactLimit?: number;
  precision?: number;
}

export class DistinctCounter {
  private exact: Set<string> | null = new Set();
  private exactChars = 0;
  private hll: HyperLogLog | null = null;
  /** The count never goes down on screen, even when the estimate wobbles as registers change. */
  private floor = 0;
  private readonly exactLimit: number;
  private readonly precision: number;

  constructor(opts: DistinctCounterOptions = {}) {
    this.exactLimit = opts.exactLimit ?? EXACT_LIMIT;
    this.precision = opts.precision ?? DISTINCT_HLL_PRECISION;
  }

  /** True if the key is new: exact below the limit, "certainly new" (with misses) above it. */
  add(key: string): boolean {
    if (this.exact) {
      if (this.exact.has(key)) return false;
      this.exact.add(key);
      this.exactChars += key.length;
      if (this.exact.size > this.exactLimit) this.switchToSketch(this.exact);
      return true;
    }
    return this.hll!.add(key);
  }

  get size(): number {
    if (this.exact) return this.exact.size;
    this.floor = Math.max(this.floor, this.hll!.count());
    return this.floor;
  }

  /** True once the counter has switched to the sketch. */
  get approximate(): boolean {
    return this.exact === null;
  }

  estimateBytes(): number {
    if (this.hll) return this.hll.bytes;
    const n = this.exact!.size;
    return n * (SET_ENTRY_BYTES + STRING_HEADER_BYTES) + this.exactChars;
  }

  checkpoint(): DistinctCheckpoint {
    return this.exact
      ? { exact: [...this.exact], floor: this.floor }
      : { hll: this.hll!.checkpoint(), floor: this.floor };
  }

  restore(s: DistinctCheckpoint): void {
    this.floor = s.floor;
    if ('exact' in s) {
      this.exact = new Set(s.exact);
      this.exactChars = s.exact.reduce((n, k) => n + k.length, 0);
      this.hll = null;
    } else {
      this.hll = HyperLogLog.restore(s.hll, this.precision);
      this.exact = null;
      this.exactChars = 0;
    }
  }

  private switchToSketch(keys: Set<string>): void {
    const hll = new HyperLogLog(this.precision);
    for (const k of keys) hll.add(k);
    this.floor = keys.size;
    this.hll = hll;
    this.exact = null;
    this.exactChars = 0;
  }
}

export type DistinctCheckpoint = { exact: string[]; floor: number } | { hll: HllCheckpoint; floor: number };
