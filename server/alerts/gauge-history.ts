// Recent samples of each gauge metric, one per SAMPLE_MS, for drop baselines and rates of change (bounded).
const SAMPLE_MS = 5000;
const KEEP_MS = 31 * 60_000;

export class GaugeHistory {
  private readonly points = new Map<string, [number, number][]>();

  add(metric: string, ts: number, value: number | null): void {
    if (value === null) return;
    let list = this.points.get(metric);
    if (!list) {
      list = [];
      this.points.set(metric, list);
    }
    const last = list[list.length - 1];
    if (last && ts - last[0] < SAMPLE_MS) return;
    list.push([ts, value]);
    while (list.length > 0 && list[0]![0] < ts - KEEP_MS) list.shift();
  }

  checkpoint(): [string, [number, number][]][] {
    return [...this.points].map(([m, list]) => [m, list.map((p): [number, number] => [p[0], p[1]])]);
  }

  restore(s: [string, [number, number][]][]): void {
    this.points.clear();
    for (const [m, list] of s)
      this.points.set(
        m,
        list.map((p): [number, number] => [p[0], p[1]]),
      );
  }

  /** Mean over [fromTs, toTs), or null without samples. */
  mean(metric: string, fromTs: number, toTs: number): number | null {
    let sum = 0;
    let n = 0;
    for (const [t, v] of this.points.get(metric) ?? []) {
      if (t >= fromTs && t < toTs) {
        sum += v;
        n++;
      }
    }
    return n === 0 ? null : sum / n;
  }

  /** The latest sample at or before ts. */
  at(metric: string, ts: number): number | null {
    const list = this.points.get(metric) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i]![0] <= ts) return list[i]![1];
    return null;
  }
}
