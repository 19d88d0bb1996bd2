// The screens' outlook from the past curves, today's minutes, the targets and the cohorts (pure). The band and
// share curves only change with the past, the targets or the explained product, so they travel only then.
import { pastBand } from '../../shared/outlook/band.ts';
import { alignOnExplain, type CurvePoint, OVERLAY_METRICS, type OverlayMetric } from '../../shared/outlook/curves.ts';
import { type Forecast, forecastFinal } from '../../shared/outlook/forecast.ts';
import type { CohortRow, OutlookBand, OutlookMessage } from '../../shared/outlook/outlook.ts';
import { DEFAULT_DURATION_MIN, type PaceField, pace, shareCurve, type Targets } from '../../shared/outlook/pacing.ts';

const PACE_FIELDS: PaceField[] = ['gmv', 'orders', 'peakOnline'];

/** Three significant figures are plenty for a chart and keep the message small. */
const sig = (v: number) => (v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(3)));
const roundBand = <T extends object | null>(b: T): T =>
  b === null ? b : (Object.fromEntries(Object.entries(b).map(([k, v]) => [k, sig(v as number)])) as T);

function bands(past: CurvePoint[][], minutes: number): Record<OverlayMetric, OutlookBand['bands'][OverlayMetric]> {
  return Object.fromEntries(OVERLAY_METRICS.map((m) => [m, pastBand(past, m, minutes).map(roundBand)])) as Record<
    OverlayMetric,
    OutlookBand['bands'][OverlayMetric]
  >;
}

export function buildBand(
  past: CurvePoint[][],
  today: CurvePoint[],
  targets: Targets | null,
  explaining: string | null,
): OutlookBand {
  const minutes = Math.max(0, ...past.map((p) => p.length));
  const duration = targets?.durationMin ?? DEFAULT_DURATION_MIN;
  const share = Object.fromEntries(
    PACE_FIELDS.map((f) => [f, shareCurve(past, f, duration).map((v) => Number(v.toFixed(4)))]),
  ) as OutlookBand['share'];
  let explain: OutlookBand['explain'] = null;
  const offset = explaining === null ? -1 : today.findIndex((p) => p.explaining === explaining);
  if (explaining !== null && offset >= 0) {
    const aligned = past.map((p) => alignOnExplain(p, explaining)).filter((p): p is CurvePoint[] => p !== null);
    explain = {
      productId: explaining,
      todayOffset: offset,
      sessions: aligned.length,
      bands: bands(aligned, Math.max(0, ...aligned.map((p) => p.length))),
    };
  }
  return { sessions: past.length, bands: bands(past, minutes), share, explain };
}

const roundForecast = (f: Forecast): Forecast =>
  f.status === 'ok' ? { ...f, p10: Math.round(f.p10), p50: Math.round(f.p50), p90: Math.round(f.p90) } : f;

export interface OutlookParts {
  roomId: string;
  sessionStart: number;
  at: number;
  past: CurvePoint[][];
  today: CurvePoint[];
  targets: Targets | null;
  cohorts: { exact: boolean; rows: CohortRow[] };
}

export function buildOutlook(p: OutlookParts, todayFrom: number, band?: OutlookBand): OutlookMessage {
  const forecast = { gmv: forecastFinal(p.past, p.today, 'gmv'), orders: forecastFinal(p.past, p.today, 'orders') };
  const duration = p.targets?.durationMin ?? DEFAULT_DURATION_MIN;
  const paces = PACE_FIELDS.flatMap((f) => {
    const target = p.targets?.[f];
    if (!target) return [];
    const x = pace(f, target, p.past, p.today, f === 'peakOnline' ? null : forecast[f], duration);
    if (!x) return [];
    const { line: _line, ...rest } = x;
    return [
      {
        ...rest,
        expected: sig(rest.expected),
        ahead: sig(rest.ahead),
        projected: rest.projected && sig(rest.projected),
      },
    ];
  });
  return {
    roomId: p.roomId,
    sessionStart: p.sessionStart,
    at: p.at,
    todayFrom,
    today: p.today.slice(todayFrom),
    ...(band ? { band } : {}),
    forecast: { gmv: roundForecast(forecast.gmv), orders: roundForecast(forecast.orders) },
    targets: p.targets,
    pace: paces,
    cohorts: {
      exact: p.cohorts.exact,
      rows: p.cohorts.rows.map((r) => ({ ...r, retention: r.retention.map((v) => (v === null ? v : sig(v))) })),
    },
  };
}
