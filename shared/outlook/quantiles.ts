// Order statistics and a small-sample prediction interval, shared by the band, the forecast and the bench.

/** The q-quantile (0..1) of sorted values, linear between order statistics (type 7, as numpy's default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export const median = (values: readonly number[]) =>
  quantileSorted(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/** Student's t, 90th percentile, by degrees of freedom 1..30 (beyond: the normal's 1.2816). */
const T90 = [
  3.078, 1.886, 1.638, 1.533, 1.476, 1.44, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.35, 1.345, 1.341, 1.337, 1.333,
  1.33, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.31,
];
export const t90 = (df: number) => (df >= 1 && df <= 30 ? T90[df - 1]! : 1.2816);

/**
 * An 80 % prediction interval for one more draw like `samples` (at least 2): mean ± t(0.9, n−1)·sd·√(1 + 1/n).
 * With ten past sessions, the plain p10–p90 of the samples would hold a new one only ~64 % of the time.
 */
export function predictionInterval80(samples: readonly number[]): { lo: number; mid: number; hi: number } {
  const n = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const half = t90(n - 1) * sd * Math.sqrt(1 + 1 / n);
  return { lo: mean - half, mid: mean, hi: mean + half };
}
