// Whether a rule's condition holds now, and the value and baseline it was judged on. null = not judged
// (no data yet, or too few samples for a rate: small numbers must not fire a rate alert).
import { type AlertRule, RATE_METRICS } from '../../shared/alerts.ts';
import { wilson } from '../../shared/metrics/wilson.ts';
import { type AlertInput, RATE_FIELDS } from './alert-input.ts';
import type { GaugeHistory } from './gauge-history.ts';

export interface Judgement {
  holds: boolean | null;
  value: number | null;
  baseline: number | null;
}

const MIN = 60_000;
/** Rates are judged over the last 3 minutes against the earlier part of the same explain segment (each
 * product converts differently: a switch is not a dip); gauges against the baseline ending a minute ago. */
const RATE_WINDOW_MS = 3 * MIN;
/** The baseline must cover at least this much of the segment before it is trusted. */
const MIN_RATE_BASELINE_MS = MIN;

export function judge(rule: AlertRule, input: AlertInput, history: GaugeHistory, gauge: number | null): Judgement {
  if (RATE_METRICS.has(rule.metric)) return judgeRate(rule, input);
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
      const base = history.mean(rule.metric, input.ts - (c.baselineMinutes + 1) * MIN, input.ts - MIN);
      // minSample on a gauge: the baseline must be at least this big (a 3-comment room cannot "halve").
      if (base === null || base <= 0 || base < rule.minSample) return { holds: null, value: gauge, baseline: base };
      return { holds: gauge <= base * (1 - c.pct), value: gauge, baseline: base };
    }
  }
}

function judgeRate(rule: AlertRule, input: AlertInput): Judgement {
  const f = RATE_FIELDS[rule.metric as keyof typeof RATE_FIELDS];
  const now = input.ts;
  const floor = input.explainSince ?? Number.NEGATIVE_INFINITY;
  const recentFrom = Math.max(floor, now - RATE_WINDOW_MS);
  const num = input.sum(f.num, recentFrom, now);
  const den = input.sum(f.den, recentFrom, now);
  const value = den > 0 ? num / den : null;
  const ci = wilson(num, den);
  if (den < rule.minSample || ci === null) return { holds: null, value, baseline: null };
  const c = rule.condition;
  if (c.kind === 'below') return { holds: ci.hi < c.value, value, baseline: null };
  if (c.kind === 'above') return { holds: ci.lo > c.value, value, baseline: null };
  if (c.kind === 'rate') return { holds: null, value, baseline: null };
  const from = Math.max(floor, recentFrom - c.baselineMinutes * MIN);
  if (recentFrom - from < MIN_RATE_BASELINE_MS) return { holds: null, value, baseline: null };
  const bDen = input.sum(f.den, from, recentFrom);
  if (bDen < rule.minSample) return { holds: null, value, baseline: null };
  const baseline = input.sum(f.num, from, recentFrom) / bDen;
  // Judged only when the whole 95 % interval of the recent rate lies below the lowered baseline.
  return { holds: ci.hi < baseline * (1 - c.pct), value, baseline };
}
