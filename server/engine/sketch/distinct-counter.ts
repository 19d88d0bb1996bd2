// Distinct counting with bounded memory: exact (a Set) up to EXACT_LIMIT keys, then HyperLogLog. Small rooms
// get exact figures; a room with millions of viewers costs 16 KiB per counter instead of a set of millions.
// After the switch, `add` reports "new" when a register grew, which can miss a few new keys: callers use it
// only for counts, never for decisions about one person.
import { HyperLogLog } from './hyperloglog.ts';

export const EXACT_LIMIT = 50_000;

export class DistinctCounter {
  private exact: Set<string> | null = new Set();
  private hll: HyperLogLog | null = null;
  private cached = 0;
  private dirty = false;

  constructor(private readonly exactLimit = EXACT_LIMIT) {}

  add(key: string): boolean {
    if (this.exact) {
      if (this.exact.has(key)) return false;
      this.exact.add(key);
      if (this.exact.size > this.exactLimit) this.switchToSketch();
      return true;
    }
    const grew = this.hll!.add(key);
    if (grew) this.dirty = true;
    return grew;
  }

  get size(): number {
    if (this.exact) return this.exact.size;
    if (this.dirty) {
      // Keep the estimate monotonic: a distinct count never goes down.
      this.cached = Math.max(this.cached, this.hll!.count());
      this.dirty = false;
    }
    return this.cached;
  }

  get approximate(): boolean {
    return this.exact === null;
  }

  private switchToSketch(): void {
    const hll = new HyperLogLog();
    for (const k of this.exact!) hll.add(k);
    this.cached = this.exact!.size;
    this.hll = hll;
    this.exact = null;
    this.dirty = true;
  }
}
