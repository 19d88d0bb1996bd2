// Bounded top-k in the spirit of Space-Saving (Metwally, Agrawal, El Abbadi 2005): a key that is not tracked
// enters with the count of the largest counter evicted so far (`floor`) as its possible over-estimate.
// Eviction is batched: the map may grow to 2 × capacity, then the smallest half is dropped in one sort, so a
// long tail of one-off words costs O(log k) amortised instead of a scan per new key.
export class SpaceSaving {
  private readonly counts = new Map<string, number>();
  private floor = 0;

  constructor(private readonly capacity: number) {}

  add(key: string, weight = 1): void {
    const cur = this.counts.get(key);
    if (cur !== undefined) {
      this.counts.set(key, cur + weight);
      return;
    }
    this.counts.set(key, this.floor + weight);
    if (this.counts.size >= 2 * this.capacity) this.prune();
  }

  private prune(): void {
    const sorted = [...this.counts].sort((a, b) => b[1] - a[1]);
    for (let i = this.capacity; i < sorted.length; i++) {
      const [k, c] = sorted[i]!;
      this.counts.delete(k);
      if (c > this.floor) this.floor = c;
    }
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  get size(): number {
    return this.counts.size;
  }

  top(n: number): { key: string; count: number }[] {
    return [...this.counts]
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
      .slice(0, n);
  }
}
