// The past sessions as one band: per minute since the start, the median and the p10–p90 of the sessions that
// lasted that long. Fewer than MIN_PAST_SESSIONS at a minute and that minute has no band (null).

import { type CurvePoint, metricSeries, type OverlayMetric } from './curves.ts';
import { MIN_PAST_SESSIONS } from './forecast.ts';
import { quantileSorted } from './quantiles.ts';

export interface BandPoint {
  p10: number;
  p50: number;
  p90: number;
}

export function pastBand(past: readonly CurvePoint[][], metric: OverlayMetric, minutes: number): (BandPoint | null)[] {
  const series = past.map((p) => metricSeries(p, metric));
  const out: (BandPoint | null)[] = [];
  for (let m = 0; m < minutes; m++) {
    const vals = series
      .map((s) => s[m])
      .filter((v): v is number => v !== null && v !== undefined)
      .sort((a, b) => a - b);
    out.push(
      vals.length < MIN_PAST_SESSIONS
        ? null
        : { p10: quantileSorted(vals, 0.1), p50: quantileSorted(vals, 0.5), p90: quantileSorted(vals, 0.9) },
    );
  }
  return out;
}
