// Scores one stream's alerts against its labels, per strategy: hit (the dip's own rule fired between its
// start and 2 minutes after its end), delay, false alarms (a dip rule firing away from any dip: before it, or
// more than 5 minutes after it ends), and dip rules called during a feed blackout. The detectability bound
// asks whether any detector could tell the dip within its duration at the room's counts: the information a
// dip of that depth carries, Σ μ₀·KL(rate ratio) over its seconds (KL of Poisson rates, r·ln r − r + 1 per
// expected event), must reach ln γ, where γ is the mean time between false alarms a detector is allowed
// (Lorden: no detector finds a change sooner than ln γ ÷ information per second).
import type { Strategy } from '../server/alerts/alert-evaluator.ts';
import { stageFactors } from '../server/sources/simulator/dips.ts';
import type { DipLabel } from '../server/sources/simulator/families.ts';
import type { Alert } from '../shared/alerts.ts';
import type { StreamRun, Tally } from './alert-streams.ts';

const MIN = 60_000;
/** 4 hours per statistic times the half-dozen statistics a room runs. */
export const LN_GAMMA = Math.log(4 * 3600 * 6);
/** Online-only feeds: a fall must stand GAUGE_Z Poisson deviations out of the room's own size. */
const GAUGE_Z = 5;

export const DIP_RULES: Record<DipLabel['kind'], string[]> = {
  retention: ['online-drop'],
  arrivals: ['online-drop'],
  clickRate: ['click-rate-drop'],
  clickToOrder: ['order-rate-drop'],
  payment: ['pay-rate-drop'],
  conversion: ['click-rate-drop', 'order-rate-drop'],
};
const FALSE_ALARM_RULES = new Set([
  'online-drop',
  'watch-drop',
  'click-rate-drop',
  'order-rate-drop',
  'pay-rate-drop',
  'interaction-drop',
  'explain-no-orders',
]);

export interface DipScore {
  label: DipLabel;
  size: number;
  repeat: boolean;
  family: string;
  detectable: boolean;
  info: number;
  hit: Record<Strategy, boolean>;
  delayMs: Record<Strategy, number | null>;
}

export interface StreamScore {
  dips: DipScore[];
  falseAlarms: Record<Strategy, number>;
  staleCalls: Record<Strategy, number>;
  hours: number;
  falseDetail: string[];
}

const near = (a: Alert, l: DipLabel) => a.activeAt >= l.startTs && a.activeAt <= l.endTs + 5 * MIN;

export function scoreStream(run: StreamRun, strategies: Strategy[]): StreamScore {
  const { plan } = run;
  const dips = plan.labels.map((label) => {
    const info = information(run, label);
    const hit = {} as DipScore['hit'];
    const delayMs = {} as DipScore['delayMs'];
    for (const k of strategies) {
      const a = run.raised[k].find(
        (x) =>
          DIP_RULES[label.kind].includes(x.ruleId) &&
          x.firedAt! >= label.startTs &&
          x.firedAt! <= label.endTs + 2 * MIN,
      );
      hit[k] = !!a;
      delayMs[k] = a ? a.firedAt! - label.startTs : null;
    }
    return {
      label,
      size: plan.peakOnline,
      repeat: !!plan.previous,
      family: plan.family,
      detectable: info >= LN_GAMMA,
      info,
      hit,
      delayMs,
    };
  });
  const falseAlarms = {} as StreamScore['falseAlarms'];
  const staleCalls = {} as StreamScore['staleCalls'];
  const falseDetail: string[] = [];
  for (const k of strategies) {
    const wrong = run.raised[k].filter((a) => FALSE_ALARM_RULES.has(a.ruleId) && !plan.labels.some((l) => near(a, l)));
    falseAlarms[k] = wrong.length;
    const b = run.blackout;
    staleCalls[k] = b
      ? run.raised[k].filter(
          (a) => FALSE_ALARM_RULES.has(a.ruleId) && a.activeAt >= b.startTs && a.activeAt <= b.endTs + MIN,
        ).length
      : 0;
    for (const a of wrong) {
      const at = ((a.activeAt - plan.options.startTs) / MIN).toFixed(1);
      const why = a.evidence ? ` ${a.evidence.kind} ${a.evidence.windowSeconds}s` : '';
      falseDetail.push(`${k} ${a.ruleId} ${plan.family}/${plan.peakOnline}${plan.previous ? 'r' : 'f'}@${at}′${why}`);
    }
  }
  return { dips, falseAlarms, staleCalls, hours: run.judgedMs / 3_600_000, falseDetail };
}

const KL = (r: number) => (r <= 0 ? 1 : r * Math.log(r) - r + 1);

/** Counts of a tally key per second offset [from, to) of the main session. */
function perSecond(t: Tally, key: keyof Tally, t0: number, from: number, to: number): Float64Array {
  const out = new Float64Array(Math.max(0, Math.ceil((to - from) / 1000)));
  for (const ts of t[key]) if (ts >= from && ts < to) out[Math.floor((ts - from) / 1000)]! += 1;
  void t0;
  return out;
}

const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);

/** Σ μ₀·KL over the dip's seconds, from the delivered counts and the rate of the 10 minutes before it. */
function information(run: StreamRun, l: DipLabel): number {
  const t = run.tally;
  const t0 = run.plan.options.startTs;
  const before = l.startTs - 10 * MIN;
  const dips = run.plan.options.dips ?? [];
  const factor = (s: number) => stageFactors(dips, l.startTs - t0 + s * 1000);
  const stage = (trial: keyof Tally, success: keyof Tally, f: (s: number) => number) => {
    const p0 =
      sum(perSecond(t, success, t0, before, l.startTs)) / Math.max(1, sum(perSecond(t, trial, t0, before, l.startTs)));
    const trials = perSecond(t, trial, t0, l.startTs, l.endTs);
    let info = 0;
    trials.forEach((n, s) => {
      info += p0 * n * KL(f(s));
    });
    return info;
  };
  switch (l.kind) {
    case 'clickRate':
      return stage('product_exposure', 'product_click', (s) => factor(s).click);
    case 'clickToOrder':
      return stage('product_click', 'order_created', (s) => factor(s).order);
    case 'payment':
      return stage('order_created', 'order_paid', (s) => factor(s).pay);
    case 'conversion':
      return Math.max(
        stage('product_exposure', 'product_click', (s) => factor(s).click),
        stage('product_click', 'order_created', (s) => factor(s).order),
      );
    default:
      return audience(run, l, t0, before);
  }
}

/** Arrivals down, or departures per viewer up; online-only feeds: the fall of online against its noise. */
function audience(run: StreamRun, l: DipLabel, t0: number, before: number): number {
  const t = run.tally;
  const online = t.online;
  const at = (ts: number) => online[Math.min(online.length - 1, Math.max(0, Math.floor((ts - t0) / 1000)))] ?? 0;
  if (t.viewer_enter.length === 0) {
    let n0 = 0;
    for (let ts = l.startTs - 5 * MIN; ts < l.startTs; ts += 1000) n0 += at(ts) / 300;
    let low = n0;
    for (let ts = l.startTs; ts < l.endTs; ts += 1000) low = Math.min(low, at(ts));
    return n0 > 0 && n0 - low >= GAUGE_Z * Math.sqrt(n0) ? LN_GAMMA : 0;
  }
  const secs = (l.endTs - l.startTs) / 1000;
  const lambda = sum(perSecond(t, 'viewer_enter', t0, before, l.startTs)) / 600;
  const entries = sum(perSecond(t, 'viewer_enter', t0, l.startTs, l.endTs));
  const arrivals = lambda * secs * KL(entries / Math.max(1e-9, lambda * secs));
  // Departures over the first two minutes, where a walk-out shows.
  let viewerSecs0 = 0;
  for (let ts = before; ts < l.startTs; ts += 1000) viewerSecs0 += at(ts);
  const hazard = sum(perSecond(t, 'viewer_leave', t0, before, l.startTs)) / Math.max(1, viewerSecs0);
  let viewerSecs = 0;
  const w = Math.min(l.endTs, l.startTs + 2 * MIN);
  for (let ts = l.startTs; ts < w; ts += 1000) viewerSecs += at(ts);
  const mu = hazard * viewerSecs;
  const exits = sum(perSecond(t, 'viewer_leave', t0, l.startTs, w));
  return Math.max(arrivals, mu * KL(exits / Math.max(1e-9, mu)));
}
