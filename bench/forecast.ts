// npm run bench forecast: the outlook's forecast and cohorts on held-out simulated rooms. Each room has one session
// shape and 11–31 sessions; every session from the 11th on is "today", forecast each minute from the sessions
// before it (the last DEFAULT_PAST_SESSIONS, as the server does). The tuning shapes (steady, late peak, double
// hump; BENCH_FORECAST_SET=tuning) are not the judged ones (slow start, early peak, a dip). The peer is the naive
// forecast a 场控 does in their head: so-far × usual length ÷ minutes so far, with the plain p10–p90 of the past.
import { CohortTracker } from '../server/outlook/cohorts.ts';
import type { SessionShape } from '../server/sources/simulator/shapes.ts';
import type { CurvePoint } from '../shared/outlook/curves.ts';
import { forecastFinal } from '../shared/outlook/forecast.ts';
import { DEFAULT_PAST_SESSIONS, RETENTION_MINUTES } from '../shared/outlook/outlook.ts';
import { median, quantileSorted } from '../shared/outlook/quantiles.ts';
import { type SimRoom, simulateRoom, trueCohorts } from './forecast-rooms.ts';
import { fmt, type Row } from './lib.ts';

const SET = process.env.BENCH_FORECAST_SET === 'tuning' ? 'tuning' : 'held-out';
const SHAPES: SessionShape[] =
  SET === 'tuning' ? ['steady', 'latePeak', 'doubleHump'] : ['slowStart', 'earlyPeak', 'dip'];
const SEED_BASE = SET === 'tuning' ? 1 : 501;
const COUNTS = [11, 20, 31];
const FRACTIONS = [0.25, 0.5, 0.75];
const MIN = 60_000;

interface Scores {
  covered: number;
  pairs: number;
  ape: number[][];
}

/** The naive peer: linear extrapolation over the past's median length, plain p10–p90 of the past ratios. */
function naive(past: CurvePoint[][], today: CurvePoint[]): { p10: number; p50: number; p90: number } | null {
  const m = today.length - 1;
  const soFar = today[m]!.gmv ?? 0;
  const len = median(past.map((p) => p.length));
  const ratios = past
    .map((p) => (p.length > m && (p[m]!.gmv ?? 0) > 0 ? p.at(-1)!.gmv! / p[m]!.gmv! : 1))
    .sort((a, b) => a - b);
  return {
    p10: soFar * quantileSorted(ratios, 0.1),
    p50: (soFar * Math.max(len, m + 1)) / (m + 1),
    p90: soFar * quantileSorted(ratios, 0.9),
  };
}

function score(rooms: SimRoom[]) {
  const ours: Scores = { covered: 0, pairs: 0, ape: FRACTIONS.map(() => []) };
  const peer: Scores = { covered: 0, pairs: 0, ape: FRACTIONS.map(() => []) };
  let todays = 0;
  for (const room of rooms) {
    const curves = room.sessions.map((s) => s.curve);
    for (let i = 10; i < curves.length; i++) {
      todays++;
      const past = curves.slice(Math.max(0, i - DEFAULT_PAST_SESSIONS), i);
      const today = curves[i]!;
      const final = today.at(-1)!.gmv!;
      const at = FRACTIONS.map((f) => Math.round(f * today.length) - 1);
      for (let m = 0; m < today.length; m++) {
        const so = today.slice(0, m + 1);
        const f = forecastFinal(past, so, 'gmv');
        const n = naive(past, so);
        if (f.status !== 'ok' || !n) continue;
        if (m >= 30) {
          ours.pairs++;
          peer.pairs++;
          if (f.p10 <= final && final <= f.p90) ours.covered++;
          if (n.p10 <= final && final <= n.p90) peer.covered++;
        }
        const j = at.indexOf(m);
        if (j >= 0) {
          ours.ape[j]!.push(Math.abs(f.p50 - final) / final);
          peer.ape[j]!.push(Math.abs(n.p50 - final) / final);
        }
      }
    }
  }
  return { ours, peer, todays };
}

/** Cohorts of each room's last session: full feed against the truth (exact?), online-counter feed (error). */
function cohortScores(rooms: SimRoom[]) {
  let mismatches = 0;
  let cohorts = 0;
  const errs = RETENTION_MINUTES.map(() => [] as number[]);
  const survival = RETENTION_MINUTES.map(() => ({ kept: 0, size: 0 }));
  for (const room of rooms) {
    const s = room.sessions.at(-1)!;
    const truth = trueCohorts(s.events!, RETENTION_MINUTES);
    const full = new CohortTracker();
    for (const e of s.events!) {
      if (e.type === 'viewer_enter' && e.userId) full.enter(e.ts, e.userId, null);
      else if (e.type === 'viewer_leave') full.leave(e.ts, e.userId);
    }
    const gauge = new CohortTracker();
    for (const e of s.gaugeEvents!) if (e.type === 'online_count') gauge.gauge(e.ts, e.count);
    const end = s.start + s.durationMin * MIN;
    const now = end + 20 * MIN;
    for (const [minute, t] of truth) {
      cohorts++;
      const row = full.row(minute, now);
      RETENTION_MINUTES.forEach((k, j) => {
        const exact = t.kept[j]! / t.size;
        if (row?.size !== t.size || row.retention[j] !== exact) mismatches++;
        // Judged only where the session lasted k minutes past the cohort (the close empties the room).
        if (minute + (k + 1) * MIN > end) return;
        survival[j]!.kept += t.kept[j]!;
        survival[j]!.size += t.size;
        const est = gauge.row(minute, now)?.retention[j];
        if (est !== null && est !== undefined) errs[j]!.push(Math.abs(est - exact));
      });
    }
  }
  return { mismatches, cohorts, errs, survival: survival.map((x) => x.kept / x.size) };
}

export function benchForecast(): Row[] {
  const rooms: SimRoom[] = [];
  SHAPES.forEach((shape, si) => {
    COUNTS.forEach((n, ci) => {
      rooms.push(simulateRoom(shape, SEED_BASE + si * 10 + ci, n, 1));
    });
  });
  const { ours, peer, todays } = score(rooms);
  const cov = ours.covered / ours.pairs;
  const rows: Row[] = [
    { name: `set / rooms / sessions judged`, value: `${SET} / ${rooms.length} / ${todays}` },
    {
      name: '80 % interval holds the final GMV, minute ≥ 30',
      value: `${fmt(cov * 100, 1)} %`,
      target: '≥ 75 %',
      pass: cov >= 0.75,
    },
    { name: '  peer (plain p10–p90 of the past ratios)', value: `${fmt((peer.covered / peer.pairs) * 100, 1)} %` },
  ];
  FRACTIONS.forEach((f, j) => {
    const a = median(ours.ape[j]!);
    const b = median(peer.ape[j]!);
    rows.push({ name: `median APE of final GMV at ${f * 100} % of the session`, value: `${fmt(a * 100, 1)} %` });
    rows.push({ name: `  peer (linear), ratio ours ÷ peer`, value: `${fmt(b * 100, 1)} %  ${fmt(a / b, 2)}` });
  });
  const c = cohortScores(rooms);
  rows.push({
    name: `cohorts exact on full-event feeds (${c.cohorts} cohorts × 4)`,
    value: `${c.mismatches} off`,
    target: '0',
    pass: c.mismatches === 0,
  });
  RETENTION_MINUTES.forEach((k, j) => {
    const e = c.errs[j]!;
    rows.push({
      name: `gauge-only estimate, ${k}-min retention: mean / p90 abs error`,
      value: `${fmt(mean(e) * 100, 1)} / ${fmt(
        quantileSorted(
          [...e].sort((a, b) => a - b),
          0.9,
        ) * 100,
        1,
      )} pt`,
      target: '≤ 4 pt mean',
      pass: mean(e) <= 0.04,
    });
  });
  rows.push({
    name: 'true survival 1/3/5/10 min (tuning: USUAL_SURVIVAL)',
    value: c.survival.map((x) => fmt(x, 3)).join(' '),
  });
  return rows;
}

const mean = (xs: number[]) => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
