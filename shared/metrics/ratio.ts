// Ratios with honest denominators: a zero or missing denominator gives null ("—" on screen), never 0 or NaN.

export function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || !Number.isFinite(numerator) || !Number.isFinite(denominator)) {
    return null;
  }
  return denominator > 0 ? numerator / denominator : null;
}

/** Relative change of `now` against `prev` (0.25 = +25 %); null when there is no base to compare with. */
export function pctChange(now: number | null, prev: number | null): number | null {
  if (now === null || prev === null) return null;
  if (prev === 0) return now === 0 ? 0 : null;
  return (now - prev) / prev;
}
