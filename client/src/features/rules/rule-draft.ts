// A rule while it is being edited: the number fields as typed (a half-typed "0." must survive a render), the
// condition's kind fixed by the rule. Percentages are edited as percents (30), stored as fractions (0.3). A rule's
// product (productId) is null for "the product being explained" (or the room, for a room metric).
import {
  type AlertMetric,
  type AlertRule,
  type Condition,
  RATE_METRICS,
  type Severity,
} from '../../../../shared/alerts.ts';

export const TIMING_FIELDS = ['forSeconds', 'keepFiringForSeconds', 'cooldownSeconds', 'minSample'] as const;
export type TimingField = (typeof TIMING_FIELDS)[number];
export type ConditionField = 'threshold' | 'pct' | 'baselineMinutes' | 'perMinute';
export type NumField = TimingField | ConditionField;

export interface DraftRule {
  id: string;
  name: string;
  enabled: boolean;
  metric: AlertMetric;
  severity: Severity;
  action: string;
  kind: Condition['kind'];
  num: Record<NumField, string>;
  /** The one product watched; null: the product being explained (a room metric has none). */
  productId: string | null;
}

/** Rates (click rate, conversion) are fractions on the wire; people think of them in percent. */
const asPercent = (metric: AlertMetric) => RATE_METRICS.has(metric);
const percentOf = (fraction: number) => String(Number((fraction * 100).toFixed(4)));

export function toDraft(r: AlertRule): DraftRule {
  const c = r.condition;
  const threshold = c.kind === 'below' || c.kind === 'above' ? c.value : 0;
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    metric: r.metric,
    severity: r.severity,
    action: r.action,
    kind: c.kind,
    num: {
      forSeconds: String(r.forSeconds),
      keepFiringForSeconds: String(r.keepFiringForSeconds),
      cooldownSeconds: String(r.cooldownSeconds),
      minSample: String(r.minSample),
      threshold: asPercent(r.metric) ? percentOf(threshold) : String(threshold),
      pct: c.kind === 'drop' ? percentOf(c.pct) : '30',
      baselineMinutes: c.kind === 'drop' ? String(c.baselineMinutes) : '5',
      perMinute: c.kind === 'rate' ? String(c.perMinute) : '-50',
    },
    productId: r.productId ?? null,
  };
}

/** A typed string as a number; blank is not zero. */
export const parseNum = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));

function conditionOf(d: DraftRule): Condition {
  const n = (f: ConditionField) => parseNum(d.num[f]);
  switch (d.kind) {
    case 'drop':
      return { kind: 'drop', pct: n('pct') / 100, baselineMinutes: n('baselineMinutes') };
    case 'rate':
      return { kind: 'rate', perMinute: n('perMinute') };
    default:
      return { kind: d.kind, value: asPercent(d.metric) ? n('threshold') / 100 : n('threshold') };
  }
}

/** Only call on a draft that passed validateDrafts. Key order is fixed (the schema's, productId last and only
 * when set) so the echo can be compared. A productId is kept even where it does not belong, so the shared
 * rulesProblem() sees it and says so rather than the editor dropping it silently. */
export function fromDraft(d: DraftRule): AlertRule {
  return {
    id: d.id,
    name: d.name.trim(),
    enabled: d.enabled,
    metric: d.metric,
    condition: conditionOf(d),
    forSeconds: parseNum(d.num.forSeconds),
    keepFiringForSeconds: parseNum(d.num.keepFiringForSeconds),
    cooldownSeconds: parseNum(d.num.cooldownSeconds),
    severity: d.severity,
    minSample: parseNum(d.num.minSample),
    action: d.action,
    ...(d.productId === null ? {} : { productId: d.productId }),
  };
}

/** What a new rule of each metric starts from: the thresholds the default rules use for the same kind. */
const START: Record<AlertMetric, Condition> = {
  online: { kind: 'drop', pct: 0.3, baselineMinutes: 5 },
  avgWatchSeconds: { kind: 'drop', pct: 0.25, baselineMinutes: 10 },
  entriesPerMin: { kind: 'drop', pct: 0.3, baselineMinutes: 5 },
  commentsPerMin: { kind: 'drop', pct: 0.5, baselineMinutes: 5 },
  commentersPerMin: { kind: 'drop', pct: 0.5, baselineMinutes: 5 },
  clickRate: { kind: 'drop', pct: 0.3, baselineMinutes: 10 },
  clickToOrderRate: { kind: 'drop', pct: 0.3, baselineMinutes: 10 },
  payRate: { kind: 'drop', pct: 0.3, baselineMinutes: 10 },
  conversionRate: { kind: 'drop', pct: 0.3, baselineMinutes: 10 },
  negativeBarragePerMin: { kind: 'above', value: 8 },
  explainNoOrdersSeconds: { kind: 'above', value: 180 },
  stock: { kind: 'below', value: 20 },
  sourceDown: { kind: 'above', value: 0.5 },
  targetReach: { kind: 'below', value: 1 },
  cohortRetention3m: { kind: 'below', value: 0.5 },
};

export function newRule(metric: AlertMetric, name: string, taken: ReadonlySet<string>): AlertRule {
  let n = 1;
  while (taken.has(`${metric}-${n}`)) n++;
  return {
    id: `${metric}-${n}`,
    name,
    enabled: true,
    metric,
    condition: START[metric],
    forSeconds: 30,
    keepFiringForSeconds: 30,
    cooldownSeconds: 300,
    severity: 'warning',
    // Rates need enough trials before a fall means anything; gauges need a baseline above a handful.
    minSample: RATE_METRICS.has(metric) ? 30 : 0,
    action: '',
  };
}
