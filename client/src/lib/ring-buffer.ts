// Fixed-capacity ring of [ts, value] points: the chart history of a screen that runs for hours stays constant.
export class RingBuffer {
  private readonly ts: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.ts = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  lastTs(): number | null {
    return this.count === 0 ? null : this.ts[(this.start + this.count - 1) % this.capacity]!;
  }

  push(ts: number, value: number): void {
    const i = (this.start + this.count) % this.capacity;
    this.ts[i] = ts;
    this.values[i] = value;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Replace the newest point (a later sample within the same step). */
  replaceLast(value: number): void {
    if (this.count > 0) this.values[(this.start + this.count - 1) % this.capacity] = value;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }

  toArray(): [number, number][] {
    const out: [number, number][] = [];
    for (let k = 0; k < this.count; k++) {
      const i = (this.start + k) % this.capacity;
      out.push([this.ts[i]!, this.values[i]!]);
    }
    return out;
  }
}
