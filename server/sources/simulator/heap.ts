// A binary min-heap of timed items: departures and delayed payments come out in time order in O(log n).
export class TimeHeap<T> {
  private readonly ts: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.ts.length;
  }

  peekTs(): number {
    return this.ts.length ? this.ts[0]! : Number.POSITIVE_INFINITY;
  }

  push(ts: number, item: T): void {
    this.ts.push(ts);
    this.items.push(item);
    let i = this.ts.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.ts[parent]! <= ts) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { ts: number; item: T } | undefined {
    if (this.ts.length === 0) return undefined;
    const out = { ts: this.ts[0]!, item: this.items[0]! };
    const lastTs = this.ts.pop()!;
    const lastItem = this.items.pop()!;
    if (this.ts.length > 0) {
      this.ts[0] = lastTs;
      this.items[0] = lastItem;
      this.sinkDown(0);
    }
    return out;
  }

  private sinkDown(i: number): void {
    const n = this.ts.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.ts[l]! < this.ts[m]!) m = l;
      if (r < n && this.ts[r]! < this.ts[m]!) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    [this.ts[i], this.ts[j]] = [this.ts[j]!, this.ts[i]!];
    [this.items[i], this.items[j]] = [this.items[j]!, this.items[i]!];
  }
}
