// Drop rules judged by sequential tests on counts (Page's CUSUM for a Poisson rate): each second adds the log
// likelihood ratio of "the rate fell by the rule's pct" against "the usual rate", summed over the products in
// the rule's scope, so the evidence keeps building across a product switch. A big room crosses the threshold
// in seconds, a small one only after enough events; the statistic is the evidence, so no extra `for` wait.
// The rule holds from crossing H_LLR until the statistic falls back below half of it.
import type { AlertEvidence, AlertMetric, AlertRule } from '../../../shared/alerts.ts';
import type { GaugeHistory } from '../gauge-history.ts';
import type { Judgement } from '../judge.ts';
import { Dispersion } from './dispersion.ts';
import { judgeMixture, MixtureCusum } from './mixture-cusum.ts';
import { llr } from './rate-baseline.ts';
import type { RoomDetectors, Stage } from './room-detectors.ts';

/** Threshold on the log likelihood ratio (Page/Lorden: about e^8 seconds of null drift between false crossings
 * of one exact-Poisson statistic; the shrunk baselines and the dispersion make it more conservative than that).
 * Chosen on the tuning seeds only: 12 → 10 → 8 took recall on detectable dips ≥ 25 % from 64 % to 86 % with
 * false alarms 0.42 → 0.71 per 4 h there. */
export const H_LLR = 8;
/** Departures per viewer are judged every second, silent ones too (a rate only on seconds with trials), and at
 * H_LLR a steady 60-viewer room drew a false walk-out in four hours: they cross a higher bar. */
export const H_TRAFFIC_LLR = 10;
/** Online against the previous 5 minutes: the fall must also exceed this many Poisson standard deviations. */
const GAUGE_Z = 5;
/** A walk-out shows within a minute or two; departures per viewer that creep up for longer are the audience's
 * mix changing (who stays for hours, who glances and goes), not viewers leaving. */
const WALK_OUT_MAX_S = 120;
const MIN = 60_000;
/** Online must be down pct ÷ FALL_SHARE against the last two minutes before a flow statistic is called. */
const FALL_SHARE = 3;

export const METRIC_STAGE: Partial<Record<AlertMetric, Stage>> = {
  clickRate: 'click',
  clickToOrderRate: 'order',
  payRate: 'pay',
};

/** Page's CUSUM with the sums of the current excursion (since it last left zero): the evidence in words. */
export class Cusum {
  /** `h`: the threshold this statistic crosses (H_LLR for rates). */
  constructor(readonly h = H_LLR) {}
  s = 0;
  since: number | null = null;
  x = 0;
  mu0 = 0;
  n = 0;
  m = 0;

  step(ts: number, inc: number, x: number, mu0: number, n: number, m: number): void {
    const next = Math.min(1.5 * this.bar(), Math.max(0, this.s + inc));
    if (next === 0) {
      this.since = null;
      this.x = this.mu0 = this.n = this.m = 0;
    } else {
      if (this.since === null) this.since = ts - 1000;
      this.x += x;
      this.mu0 += mu0;
      this.n += n;
      this.m += m;
    }
    this.s = next;
  }

  holds(firing: boolean): boolean {
    return this.s >= (firing ? this.bar() / 2 : this.bar());
  }

  /** A checkpoint from before per-statistic thresholds restores without `h`. */
  private bar(): number {
    return this.h ?? H_LLR;
  }
}

/** Online: arrivals against the fast and the slow reference (two speeds), departures per viewer. */
export type SeqState =
  | { rate: Cusum }
  | { mix: MixtureCusum }
  | {
      entries: Cusum;
      exits: Cusum;
      entriesPhi: Dispersion;
      exitsPhi: Dispersion;
      entriesSlow?: Cusum;
      entriesSlowPhi?: Dispersion;
    };

export function newSeqState(metric: AlertMetric, v2 = false): SeqState {
  if (metric !== 'online') return v2 ? { mix: new MixtureCusum() } : { rate: new Cusum() };
  return {
    entries: new Cusum(),
    exits: new Cusum(H_TRAFFIC_LLR),
    entriesPhi: new Dispersion(),
    exitsPhi: new Dispersion(),
    entriesSlow: new Cusum(),
    entriesSlowPhi: new Dispersion(),
  };
}

/** Whether the sequential judge takes this rule: a drop of a count-based metric. */
export function isSequential(rule: AlertRule): boolean {
  return rule.condition.kind === 'drop' && (rule.metric === 'online' || METRIC_STAGE[rule.metric] !== undefined);
}

const NONE: Judgement = { holds: null, value: null, baseline: null };

export function judgeSequential(
  rule: AlertRule,
  ts: number,
  d: RoomDetectors,
  st: SeqState,
  firing: boolean,
  gauges: GaugeHistory,
  online: number,
): Judgement {
  if (d.silent) return NONE;
  const delta = (rule.condition as { pct: number }).pct;
  if ('mix' in st) return judgeMixture(rule, ts, d, st.mix, firing);
  if ('rate' in st) return judgeRate(rule, ts, d, st.rate, delta, firing);
  // Traffic is overdispersed: its evidence is divided by the measured dispersion (quasi-likelihood).
  const e = d.entries;
  if (e.mu0 !== null) {
    st.entries.step(ts, llr(e.x, e.mu0, delta) / st.entriesPhi.phi, e.x, e.mu0, 1, 1);
    st.entriesPhi.add(e.x, e.mu0);
  }
  // The same arrivals against the slow reference (a checkpoint from before it restores without it).
  st.entriesSlow ??= new Cusum();
  st.entriesSlowPhi ??= new Dispersion();
  const slow = st.entriesSlow;
  const slowPhi = st.entriesSlowPhi;
  const es = d.entriesSlow;
  if (es.mu0 !== null) {
    slow.step(ts, llr(es.x, es.mu0, delta) / slowPhi.phi, es.x, es.mu0, 1, 1);
    slowPhi.add(es.x, es.mu0);
  }
  const x = d.exits;
  if (x.mu0 !== null) {
    st.exits.step(ts, llr(x.x, x.mu0, -delta) / st.exitsPhi.phi, x.x, x.mu0, 1, x.online);
    st.exitsPhi.add(x.x, x.mu0);
  }
  const base = gauges.mean('online', ts - 6 * MIN, ts - MIN);
  const fell = base !== null && online <= base * (1 - delta) && base - online >= GAUGE_Z * Math.sqrt(base);
  // Departures per viewer also rise after a burst of arrivals (new viewers leave soonest), and arrivals fall
  // back after an opening push while the room still fills: either must show as online down by pct ÷ FALL_SHARE
  // (10 % for online's 30 %) against the last two minutes before it is called, not merely lower, which keeps the
  // audience's slow waves and small rooms' jitter out (tuning seeds: false alarms 1.22 → 0.77 per 4 h; against
  // the five minutes before the last instead, the waves' downslopes passed and they rose again).
  const recent = gauges.mean('online', ts - 2.5 * MIN, ts - 0.5 * MIN);
  const falling = recent !== null && online < recent * (1 - delta / FALL_SHARE);
  // The online gauge's baseline must cover judged data only (not a blackout).
  const settled = d.resumedAt !== null && ts - d.resumedAt >= 6 * MIN;
  const evidence =
    st.entries.holds(firing) && (falling || firing)
      ? flow('entries', st.entries)
      : slow.holds(firing) && (falling || firing)
        ? flow('entries', slow)
        : st.exits.holds(firing) && (firing || (falling && windowS(ts, st.exits) <= WALK_OUT_MAX_S))
          ? flow('exits', st.exits)
          : fell && settled
            ? ({
                kind: 'gauge',
                metric: 'online',
                value: online,
                usual: base,
                windowSeconds: 300,
                sample: null,
              } as const)
            : null;
  return { holds: evidence !== null, value: online, baseline: base, ...(evidence ? { evidence } : {}) };
}

function judgeRate(rule: AlertRule, ts: number, d: RoomDetectors, c: Cusum, delta: number, firing: boolean): Judgement {
  const stage = METRIC_STAGE[rule.metric]!;
  let inc = 0;
  let judged = false;
  const sum = { x: 0, mu0: 0, n: 0, m: 0 };
  for (const p of d.now[stage]) {
    if (p.mu0 === null || (rule.productId !== undefined && p.productId !== rule.productId)) continue;
    judged = true;
    inc += llr(p.x, p.mu0, delta);
    sum.x += p.x;
    sum.mu0 += p.mu0;
    sum.n += p.n;
    sum.m += p.m;
  }
  if (!judged && c.s === 0) return NONE;
  c.step(ts, inc, sum.x, sum.mu0, sum.n, sum.m);
  const value = c.m > 0 ? c.x / c.m : null;
  const baseline = c.m > 0 ? c.mu0 / c.m : null;
  const holds = c.holds(firing);
  const evidence: AlertEvidence | null =
    holds && value !== null && baseline !== null
      ? {
          kind: 'rate',
          metric: rule.metric,
          value,
          usual: baseline,
          windowSeconds: windowS(ts, c),
          sample: Math.round(c.n),
        }
      : null;
  return { holds, value, baseline, ...(evidence ? { evidence } : {}) };
}

/** Arrivals or departures per minute over the excursion, against the usual. */
function flow(which: 'entries' | 'exits', c: Cusum): AlertEvidence {
  const secs = Math.max(1, c.n);
  const perMin = (v: number) => (which === 'entries' ? (v / secs) * 60 : (v / secs) * 60);
  return {
    kind: which,
    metric: 'online',
    value: perMin(c.x),
    usual: perMin(c.mu0),
    windowSeconds: Math.round(secs),
    sample: Math.round(which === 'exits' ? c.m / secs : c.x),
  };
}

const windowS = (ts: number, c: Cusum) => (c.since === null ? 0 : Math.round((ts - c.since) / 1000));
