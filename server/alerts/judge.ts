// Whether a rule's condition holds now, and the value and baseline it was judged on. null = not judged
// (no data yet, or too few samples for a rate: small numbers must not fire a rate alert).
import { type AlertEvidence, type AlertRule, RATE_METRICS } from '../../shared/alerts.ts';
import { rateDifference } from '../../shared/metrics/newcombe.ts';
import { wilson } from '../../shared/metrics/wilson.ts';
import { type AlertInput, RATE_FIELDS } from './alert-input.ts';

import type { CountHistory } from './count-history.ts';
import type { GaugeHistory } from './gauge-history.ts';

type RateField = (typeof RATE_FIELDS)[keyof typeof RATE_FIELDS];

/** What a drop was measured against: a gauge's mean, or a rate's successes and trials. */
export type Basis = { mean: number } | { num: number; den: number };

export interface Judgement {
  holds: boolean | null;
  value: number | null;
  baseline: number | null;
  /** Set when a drop was judged: the evaluator freezes it while the rule is pending or firing. */
  basis?: Basis;
  /** Why it holds, when the judge can say (sequential rules). */
  evidence?: AlertEvidence;
}

const MIN = 60_000;
/** Rates are judged over a recent window against the earlier part of the same explain segment plus the
 * product's earlier segments (each product converts differently: a switch is not a dip; CountHistory restarts
 * at a switch). The recent window is the last minute, widened (up to 5) until it holds `minSample` trials and
 * should hold RECENT_SUCCESSES successes at the usual rate: big rooms are judged fast, small rooms on enough
 * evidence to tell a drop by a third from noise. Gauges are judged against the baseline ending a minute ago. */
const RECENT_MIN_MS = MIN;
const RECENT_MAX_MS = 5 * MIN;
const RECENT_SUCCESSES = 40;
/** The segment's own baseline must cover at least this much of it before it is trusted. */
const MIN_RATE_BASELINE_MS = MIN;

export interface Histories {
  gauges: GaugeHistory;
  counts: CountHistory;
}

/** `frozen`: the basis from when the drop began, so a baseline that follows the fall does not end the alert. */
export function judge(
  rule: AlertRule,
  input: AlertInput,
  h: Histories,
  gauge: number | null,
  frozen?: Basis,
): Judgement {
  if (RATE_METRICS.has(rule.metric)) return judgeRate(rule, input.ts, h.counts, frozen);
  const history = h.gauges;
  const c = rule.condition;
  if (gauge === null) return { holds: null, value: null, baseline: null };
  switch (c.kind) {
    case 'below':
      return { holds: gauge < c.value, value: gauge, baseline: null };
    case 'above':
      return { holds: gauge > c.value, value: gauge, baseline: null };
    case 'rate': {
      const before = history.at(rule.metric, input.ts - MIN);
      if (before === null) return { holds: null, value: gauge, baseline: null };
      const perMin = gauge - before;
      return {
        holds: c.perMinute < 0 ? perMin <= c.perMinute : perMin >= c.perMinute,
        value: perMin,
        baseline: before,
      };
    }
    case 'drop': {
      const base =
        frozen && 'mean' in frozen
          ? frozen.mean
          : history.mean(rule.metric, input.ts - (c.baselineMinutes + 1) * MIN, input.ts - MIN);
      // minSample on a gauge: the baseline must be at least this big (a 3-comment room cannot "halve").
      if (base === null || base <= 0 || base < rule.minSample) return { holds: null, value: gauge, baseline: base };
      return { holds: gauge <= base * (1 - c.pct), value: gauge, baseline: base, basis: { mean: base } };
    }
  }
}

function judgeRate(rule: AlertRule, now: number, counts: CountHistory, frozen?: Basis): Judgement {
  const f = RATE_FIELDS[rule.metric as keyof typeof RATE_FIELDS];
  const floor = counts.since;
  if (floor === null) return { holds: null, value: null, baseline: null };
  const recentFrom = recentStart(rule, f, now, floor, counts);
  const num = counts.between(f.num, recentFrom, now);
  const den = counts.between(f.den, recentFrom, now);
  const value = den > 0 ? num / den : null;
  const ci = wilson(num, den);
  if (den < rule.minSample || ci === null) return { holds: null, value, baseline: null };
  const c = rule.condition;
  if (c.kind === 'below') return { holds: ci.hi < c.value, value, baseline: null };
  if (c.kind === 'above') return { holds: ci.lo > c.value, value, baseline: null };
  if (c.kind === 'rate') return { holds: null, value, baseline: null };
  const basis = frozen && 'den' in frozen ? frozen : rateBasis(rule, f, recentFrom, floor, counts);
  if (!basis) return { holds: null, value, baseline: null };
  const baseline = basis.num / basis.den;
  // The drop must be as large as the rule asks, and real: Newcombe's 95 % interval of (recent − baseline),
  // which counts the baseline's own noise too, lies wholly below zero.
  const d = rateDifference(num, den, basis.num, basis.den)!;
  return { holds: value! <= baseline * (1 - c.pct) && d.hi < 0, value, baseline, basis };
}

/** The earlier part of this segment (at least a minute of it) plus the product's prior; null if too thin. */
function rateBasis(rule: AlertRule, f: RateField, recentFrom: number, floor: number, counts: CountHistory) {
  const c = rule.condition as { baselineMinutes: number };
  const prior = counts.prior;
  const from = Math.max(floor, recentFrom - c.baselineMinutes * MIN);
  const own = recentFrom - from >= MIN_RATE_BASELINE_MS;
  const den = (own ? counts.between(f.den, from, recentFrom) : 0) + (prior?.[f.den] ?? 0);
  if (den < rule.minSample || (!own && !prior)) return null;
  return { num: (own ? counts.between(f.num, from, recentFrom) : 0) + (prior?.[f.num] ?? 0), den };
}

/** Where the recent window begins: see RECENT_MIN_MS. */
function recentStart(rule: AlertRule, f: RateField, now: number, floor: number, counts: CountHistory): number {
  const prior = counts.prior;
  const seenNum = counts.between(f.num, floor, now) + (prior?.[f.num] ?? 0);
  const seenDen = counts.between(f.den, floor, now) + (prior?.[f.den] ?? 0);
  const usual = seenDen > 0 ? seenNum / seenDen : 0;
  const need = Math.max(rule.minSample, usual > 0 ? RECENT_SUCCESSES / usual : 0);
  const earliest = Math.max(floor, now - RECENT_MAX_MS);
  return counts.windowStart(f.den, need, now, earliest, Math.max(floor, now - RECENT_MIN_MS));
}
