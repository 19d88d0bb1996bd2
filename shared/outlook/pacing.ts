// Target pacing: where today should be by now to finish on target, if it follows the room's usual shape.
// The pace line is target × the share of its final figure a past session had reached by each minute (median of
// the past); without past sessions, a straight line over the planned duration.
import type { CurvePoint } from './curves.ts';
import type { Forecast } from './forecast.ts';
import { median } from './quantiles.ts';

export interface Targets {
  gmv?: number | null;
  orders?: number | null;
  peakOnline?: number | null;
  /** Planned length (minutes): the pace line's length when the room has no past sessions. */
  durationMin?: number | null;
  /** How many past sessions the overlay and forecast use (default DEFAULT_PAST_SESSIONS). */
  pastSessions?: number | null;
}

export const DEFAULT_DURATION_MIN = 120;

export type PaceField = 'gmv' | 'orders' | 'peakOnline';

export interface Pace {
  field: PaceField;
  target: number;
  current: number;
  /** Where the pace line is now. */
  expected: number;
  /** current − expected (¥ for GMV), and as a share of expected (null when expected is 0). */
  ahead: number;
  aheadPct: number | null;
  /** The forecast's median final figure, else today's figure at pace (current ÷ share reached by now). */
  projected: number | null;
  /** Minute since the start when the target is reached at this pace, or null when it is not by the end. */
  reachMinute: number | null;
  /** The pace line by minute, for the chart. */
  line: number[];
}

/** Value by minute of a field: cumulative GMV / orders, or the peak online so far. */
export function fieldSeries(points: readonly CurvePoint[], field: PaceField): (number | null)[] {
  if (field !== 'peakOnline') return points.map((p) => p[field]);
  let peak: number | null = null;
  return points.map((p) => {
    if (p.online !== null) peak = Math.max(peak ?? 0, p.online);
    return peak;
  });
}

/** Median share of the final figure reached by each minute, over past sessions (each past session ends at 1). */
export function shareCurve(past: readonly CurvePoint[][], field: PaceField, durationMin: number): number[] {
  const shares = past
    .map((p) => fieldSeries(p, field))
    .map((s) => {
      const final = [...s].reverse().find((v) => v !== null) ?? null;
      return final && final > 0 ? s.map((v) => (v ?? 0) / final) : null;
    })
    .filter((s): s is number[] => s !== null);
  if (shares.length === 0) return Array.from({ length: durationMin }, (_, i) => Math.min(1, (i + 1) / durationMin));
  const len = Math.round(median(shares.map((s) => s.length)));
  return Array.from({ length: len }, (_, m) => median(shares.map((s) => (m < s.length ? s[m]! : 1))));
}

export function pace(
  field: PaceField,
  target: number,
  past: readonly CurvePoint[][],
  today: readonly CurvePoint[],
  forecast: Forecast | null,
  durationMin = DEFAULT_DURATION_MIN,
): Pace | null {
  const m = today.length - 1;
  const current = m >= 0 ? fieldSeries(today, field)[m] : null;
  if (current === null || current === undefined) return null;
  const share = shareCurve(past, field, durationMin);
  const shareNow = share[Math.min(m, share.length - 1)] ?? 1;
  const expected = target * shareNow;
  const ahead = current - expected;
  const atPace = shareNow > 0 ? current / shareNow : null;
  const projected = forecast?.status === 'ok' ? forecast.p50 : atPace;
  let reachMinute: number | null = current >= target ? m : null;
  if (reachMinute === null && shareNow > 0) {
    const j = share.findIndex((s, i) => i > m && (current * s) / shareNow >= target);
    reachMinute = j < 0 ? null : j;
  }
  return {
    field,
    target,
    current,
    expected,
    ahead,
    aheadPct: expected > 0 ? ahead / expected : null,
    projected,
    reachMinute,
    line: share.map((s) => target * s),
  };
}
