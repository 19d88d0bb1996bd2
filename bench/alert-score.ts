// Scores one stream's alerts against its labels, per strategy: hit (the dip's own rule fired between its
// start and 2 minutes after its end), delay, false alarms (a dip rule firing away from any dip: before it, or
// more than 5 minutes after it ends), and dip rules called during a feed blackout. The detectability bound
// asks whether any detector could tell the dip within its duration at the counts its stage had: the information
// a dip of that depth carries, Σ μ₀·KL(rate ratio) over its seconds (KL of Poisson rates, r·ln r − r + 1 per
// expected event), must reach ln γ, where γ is the mean time between false alarms a detector is allowed
// (Lorden: no detector finds a change sooner than ln γ ÷ information per second). A funnel dip is summed per
// product, each against its own rate and discounted for how little of the product was seen before the dip.
import type { Strategy } from '../server/alerts/alert-evaluator.ts';
import { stageFactors } from '../server/sources/simulator/dips.ts';
import type { DipLabel } from '../server/sources/simulator/families.ts';
import type { Alert } from '../shared/alerts.ts';
import type { FunnelKey, StreamRun, Tally, TallyKey } from './alert-streams.ts';

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
  /** Detectable by the honest bound (per product, at the counts each product had). */
  detectable: boolean;
  info: number;
  /** Detectable by the room-wide bound the benchmark used before (kept for comparison). */
  roomDetectable: boolean;
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
    const { info, roomInfo } = information(run, label);
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
      roomDetectable: roomInfo >= LN_GAMMA,
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
function perSecond(t: Tally, key: TallyKey, t0: number, from: number, to: number): Float64Array {
  const out = new Float64Array(Math.max(0, Math.ceil((to - from) / 1000)));
  for (const ts of t[key]) if (ts >= from && ts < to) out[Math.floor((ts - from) / 1000)]! += 1;
  void t0;
  return out;
}

const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);

/** The dip's information, honest (per product at the counts each product had) and room-wide (as before). */
function information(run: StreamRun, l: DipLabel): { info: number; roomInfo: number } {
  const t0 = run.plan.options.startTs;
  const dips = run.plan.options.dips ?? [];
  const factor = (s: number) => stageFactors(dips, l.startTs - t0 + s * 1000);
  const both = (trial: FunnelKey, success: FunnelKey, f: (s: number) => number) => ({
    info: perProduct(run, l, trial, success, f),
    roomInfo: roomWide(run, l, trial, success, f),
  });
  switch (l.kind) {
    case 'clickRate':
      return both('product_exposure', 'product_click', (s) => factor(s).click);
    case 'clickToOrder':
      return both('product_click', 'order_created', (s) => factor(s).order);
    case 'payment':
      return both('order_created', 'order_paid', (s) => factor(s).pay);
    case 'conversion': {
      const a = both('product_exposure', 'product_click', (s) => factor(s).click);
      const b = both('product_click', 'order_created', (s) => factor(s).order);
      return { info: Math.max(a.info, b.info), roomInfo: Math.max(a.roomInfo, b.roomInfo) };
    }
    default: {
      const a = audience(run, l, t0, l.startTs - 10 * MIN);
      return { info: a, roomInfo: a };
    }
  }
}

/** As the bound was first written: every trial in the dip judged against the room's rate of the 10 minutes
 * before it, as if that rate were known exactly. Optimistic: products differ several-fold, and a product first
 * shown during the dip has no rate of its own to be judged against. */
function roomWide(run: StreamRun, l: DipLabel, trial: FunnelKey, success: FunnelKey, f: (s: number) => number): number {
  const t = run.tally;
  const t0 = run.plan.options.startTs;
  const before = l.startTs - 10 * MIN;
  const p0 =
    sum(perSecond(t, success, t0, before, l.startTs)) / Math.max(1, sum(perSecond(t, trial, t0, before, l.startTs)));
  let info = 0;
  perSecond(t, trial, t0, l.startTs, l.endTs).forEach((n, s) => {
    info += p0 * n * KL(f(s));
  });
  return info;
}

/** Per product: its own rate p₀ (from everything delivered outside the dip, both sessions), the information of
 * its trials in the dip Σ p₀·n·KL(f), times n₀ ÷ (n₀ + Σ f·n): the share left when the rate itself must be
 * learnt from the n₀ trials a detector had seen of it before the dip began (two-sample information; the earlier
 * session's trials count half, as the hand-over weighs them). A product first shown during the dip adds nothing. */
function perProduct(
  run: StreamRun,
  l: DipLabel,
  trial: FunnelKey,
  success: FunnelKey,
  f: (s: number) => number,
): number {
  const by = run.tally.byProduct;
  let info = 0;
  for (const [productId, trials] of by[trial]) {
    const successes = by[success].get(productId) ?? [];
    const outside = (ts: number) => ts < l.startTs || ts >= l.endTs;
    const prevN = run.previousTrials[trial].get(productId) ?? 0;
    const prevX = run.previousTrials[success].get(productId) ?? 0;
    const n = prevN + trials.filter(outside).length;
    if (n === 0) continue;
    const p0 = (prevX + successes.filter(outside).length) / n;
    const n0 = prevN / 2 + trials.filter((ts) => ts < l.startTs).length;
    let own = 0;
    let n1 = 0;
    for (const ts of trials) {
      if (ts < l.startTs || ts >= l.endTs) continue;
      const r = f(Math.floor((ts - l.startTs) / 1000));
      own += p0 * KL(r);
      n1 += r;
    }
    if (n0 > 0) info += (own * n0) / (n0 + n1);
  }
  return info;
}

/** Arrivals down, or departures per viewer up; online-only feeds: the fall of online against its noise. */
function audience(run: StreamRun, l: DipLabel, t0: number, before: number): number {
  const t = run.tally;
  const online = t.online;
  const at = (ts: number) => online[Math.min(online.length - 1, Math.max(0, Math.floor((ts - t0) / 1000)))] ?? 0;
  if (t.viewer_enter.length === 0) {
    // Only online is known: the fall (the 5 minutes before against the lowest point within the dip) must stand
    // GAUGE_Z Poisson deviations out and exceed every fall of the same span the stream shows away from the dip
    // (the audience's own waves), as a statistic of online alone cannot tell the two apart otherwise.
    const fall = (from: number, to: number) => {
      let n0 = 0;
      for (let ts = from - 5 * MIN; ts < from; ts += 1000) n0 += at(ts) / 300;
      let low = n0;
      for (let ts = from; ts < to; ts += 1000) low = Math.min(low, at(ts));
      return { n0, drop: n0 - low };
    };
    const span = l.endTs - l.startTs;
    const { n0, drop } = fall(l.startTs, l.endTs);
    let natural = 0;
    const end = t0 + (online.length - 1) * 1000 - span;
    for (let ts = t0 + 10 * MIN; ts <= end; ts += 30_000) {
      if (ts + span > l.startTs - 5 * MIN && ts < l.endTs + 5 * MIN) continue;
      const f = fall(ts, ts + span);
      if (f.n0 > 0) natural = Math.max(natural, f.drop / f.n0);
    }
    return n0 > 0 && drop >= GAUGE_Z * Math.sqrt(n0) && drop / n0 > natural ? LN_GAMMA : 0;
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
