// Bounded top-k counting: Space-Saving (Metwally, Agrawal, El Abbadi 2005) on an indexed min-heap.
// At most `capacity` keys are tracked. An untracked key takes the place of the smallest counter and inherits
// its count as `error`, so for every tracked key: true count ≤ count ≤ true count + error, error ≤ N/capacity
// (N = total weight added), and every key whose true count exceeds N/capacity is tracked. On skewed streams
// (barrage is very skewed) the head is therefore exact or nearly so, and the tail costs no memory.
// Cost: O(1) for a tracked key near the bottom of the heap (heavy keys sink there), O(log capacity) otherwise.

export interface CountedKey {
  key: string;
  /** Upper bound of the key's true count. */
  count: number;
  /** Over-estimate inherited on entry: count − error is a lower bound. */
  error: number;
}

export interface SpaceSavingCheckpoint {
  keys: string[];
  counts: number[];
  errors: number[];
  weight: number;
}

export class SpaceSaving {
  private keys: string[] = [];
  private counts: number[] = [];
  private errors: number[] = [];
  private readonly slot = new Map<string, number>();
  private weight = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be ≥ 1, got ${capacity}`);
  }

  add(key: string, weight = 1): void {
    if (!(weight > 0 && Number.isFinite(weight))) throw new RangeError(`weight must be > 0, got ${weight}`);
    this.weight += weight;
    const i = this.slot.get(key);
    if (i !== undefined) {
      this.counts[i]! += weight;
      this.sink(i);
    } else if (this.keys.length < this.capacity) {
      const j = this.keys.push(key) - 1;
      this.counts.push(weight);
      this.errors.push(0);
      this.slot.set(key, j);
      this.rise(j);
    } else {
      // Replace the minimum (the root) and let the newcomer carry its count as possible over-estimate.
      this.slot.delete(this.keys[0]!);
      this.keys[0] = key;
      this.errors[0] = this.counts[0]!;
      this.counts[0]! += weight;
      this.slot.set(key, 0);
      this.sink(0);
    }
  }

  /** Upper bound of the key's count; 0 when the key is not tracked. */
  get(key: string): number {
    const i = this.slot.get(key);
    return i === undefined ? 0 : this.counts[i]!;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Total weight added, tracked or not (the N of the error bound). */
  get total(): number {
    return this.weight;
  }

  /** Visit every tracked key without allocating (window merges run on every tick). */
  forEach(fn: (key: string, count: number) => void): void {
    for (let i = 0; i < this.keys.length; i++) fn(this.keys[i]!, this.counts[i]!);
  }

  /**
   * The n largest, then key ascending. By `count` (the upper bound, the classic ranking) or by `guaranteed`
   * (count − error, the lower bound): late in a long stream the smallest counter grows, and a one-off key that
   * just replaced it carries that whole count as error; ranking by the lower bound never shows such a key.
   */
  top(n: number, by: 'count' | 'guaranteed' = 'count'): CountedKey[] {
    const value = by === 'count' ? (i: number) => this.counts[i]! : (i: number) => this.counts[i]! - this.errors[i]!;
    const picked = selectTop(this.keys.length, n, value, (i) => this.keys[i]!);
    return picked.map((i) => ({ key: this.keys[i]!, count: this.counts[i]!, error: this.errors[i]! }));
  }

  checkpoint(): SpaceSavingCheckpoint {
    return { keys: [...this.keys], counts: [...this.counts], errors: [...this.errors], weight: this.weight };
  }

  /** The heap order is kept as it was, so ties break the same way after a restore. */
  restore(s: SpaceSavingCheckpoint): void {
    this.keys = [...s.keys];
    this.counts = [...s.counts];
    this.errors = [...s.errors];
    this.weight = s.weight;
    this.slot.clear();
    for (const [i, k] of this.keys.entries()) this.slot.set(k, i);
  }

  clear(): void {
    this.keys = [];
    this.counts = [];
    this.errors = [];
    this.slot.clear();
    this.weight = 0;
  }

  private rise(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.counts[parent]! <= this.counts[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private sink(i: number): void {
    const n = this.keys.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && this.counts[r]! < this.counts[l]! ? r : l;
      if (this.counts[i]! <= this.counts[c]!) return;
      this.swap(i, c);
      i = c;
    }
  }

  private swap(a: number, b: number): void {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    this.keys[a] = kb;
    this.keys[b] = ka;
    const ca = this.counts[a]!;
    this.counts[a] = this.counts[b]!;
    this.counts[b] = ca;
    const ea = this.errors[a]!;
    this.errors[a] = this.errors[b]!;
    this.errors[b] = ea;
    this.slot.set(ka, b);
    this.slot.set(kb, a);
  }
}

/**
 * Indices of the n largest of `len` items (value descending, then label ascending) in one pass with a small
 * sorted buffer: O(len + n·k) instead of sorting everything, since len is thousands and n is 20.
 */
export function selectTop(
  len: number,
  n: number,
  value: (i: number) => number,
  label: (i: number) => string,
): number[] {
  const out: number[] = [];
  if (n <= 0) return out;
  const before = (a: number, b: number) => value(a) > value(b) || (value(a) === value(b) && label(a) < label(b));
  for (let i = 0; i < len; i++) {
    if (out.length === n && !before(i, out[n - 1]!)) continue;
    let j = out.length < n ? out.length : n - 1;
    while (j > 0 && before(i, out[j - 1]!)) {
      out[j] = out[j - 1]!;
      j--;
    }
    out[j] = i;
  }
  return out;
}
