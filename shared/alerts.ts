// Alert rules and alerts. A rule watches one metric of the room (or of one product) and moves through the
// Prometheus states inactive → pending → firing → resolved, with `for`, `keep_firing_for` and a cooldown.
import { type Static, Type } from '@sinclair/typebox';
import type { AlertEvidence } from './alert-evidence.ts';
import { MAX_ALERT_RULES, MAX_ID_CHARS } from './constants.ts';

export type { AlertEvidence } from './alert-evidence.ts';

export const ALERT_METRICS = [
  'online',
  'avgWatchSeconds',
  'entriesPerMin',
  'commentsPerMin',
  /** Distinct people commenting in the last minute: a one-viewer flood counts once. */
  'commentersPerMin',
  'clickRate',
  'clickToOrderRate',
  /** Created orders that were paid (创建-成交转化率), judged by cohort of orders. */
  'payRate',
  'conversionRate',
  'negativeBarragePerMin',
  'explainNoOrdersSeconds',
  /** Remaining stock (库存) of the explained product, or of the rule's product. */
  'stock',
  'sourceDown',
  /** The outlook (server/outlook/outlook-rules.ts): forecast upper bound ÷ target; below 1, 目标难以完成. */
  'targetReach',
  /** The outlook: the latest cohort's 3-minute retention ÷ the session's usual (1 when within chance). */
  'cohortRetention3m',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/** Rates are judged on counts (successes ÷ trials) so the minimum-sample guard can apply. */
export const RATE_METRICS: ReadonlySet<AlertMetric> = new Set([
  'clickRate',
  'clickToOrderRate',
  'payRate',
  'conversionRate',
]);

/** Metrics of one product: without a productId a rule reads the product being explained. A rule with a
 * productId judges rates and explain time only while that product is explained, stock at any time. */
export const PRODUCT_METRICS: ReadonlySet<AlertMetric> = new Set([
  'clickRate',
  'clickToOrderRate',
  'payRate',
  'explainNoOrdersSeconds',
  'stock',
]);

export const ConditionSchema = Type.Union([
  Type.Object({ kind: Type.Literal('below'), value: Type.Number() }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('above'), value: Type.Number() }, { additionalProperties: false }),
  /** Now against the average of the previous `baselineMinutes`: fires on a fall of at least `pct` (0.3 = 30 %). */
  Type.Object(
    {
      kind: Type.Literal('drop'),
      pct: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
      baselineMinutes: Type.Integer({ minimum: 1, maximum: 30 }),
    },
    { additionalProperties: false },
  ),
  /** Change per minute over the last minute, e.g. −50 online viewers per minute. */
  Type.Object({ kind: Type.Literal('rate'), perMinute: Type.Number() }, { additionalProperties: false }),
]);
export type Condition = Static<typeof ConditionSchema>;

export const SeveritySchema = Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('critical')]);
export type Severity = Static<typeof SeveritySchema>;
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export const AlertRuleSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 80 }),
    enabled: Type.Boolean(),
    metric: Type.Union(ALERT_METRICS.map((m) => Type.Literal(m))),
    condition: ConditionSchema,
    forSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
    keepFiringForSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
    cooldownSeconds: Type.Integer({ minimum: 0, maximum: 24 * 3600 }),
    severity: SeveritySchema,
    /** Rates: fewer trials than this in the window and the rule is not judged at all. */
    minSample: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    /** 话术 template forwarded to the host; {商品名} {价格} {库存} {在线人数} are filled at send time. */
    action: Type.String({ maxLength: 200 }),
    /** Watch this product only (PRODUCT_METRICS); absent: the room, or the product being explained. */
    productId: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_ID_CHARS })),
  },
  { additionalProperties: false },
);
export type AlertRule = Static<typeof AlertRuleSchema>;
export const AlertRulesSchema = Type.Array(AlertRuleSchema, { maxItems: MAX_ALERT_RULES });

/** What the schema cannot say about one rule, in words for the person editing it; null when it is sound. */
export function ruleProblem(rule: AlertRule): { code: string; message: string } | null {
  if (rule.productId !== undefined && !PRODUCT_METRICS.has(rule.metric)) {
    return {
      code: 'rule_not_per_product',
      message: `rule ${rule.id}: ${rule.metric} is a room metric; drop productId`,
    };
  }
  if (rule.metric === 'stock' && rule.condition.kind !== 'below' && rule.condition.kind !== 'above') {
    return { code: 'invalid_condition', message: `rule ${rule.id}: stock is judged against a threshold (below/above)` };
  }
  return null;
}

/** The first problem of a rule list (server and editor share it), or null. */
export function rulesProblem(rules: AlertRule[]): { code: string; message: string } | null {
  if (new Set(rules.map((r) => r.id)).size !== rules.length) {
    return { code: 'duplicate_rule_id', message: 'each rule needs its own id' };
  }
  for (const r of rules) {
    const p = ruleProblem(r);
    if (p) return p;
  }
  return null;
}

export type AlertState = 'pending' | 'firing' | 'resolved';

export interface Alert {
  id: string;
  ruleId: string;
  name: string;
  metric: AlertMetric;
  /** The product the alert is about (the rule's, or the one explained when it began), else null. Absent in
   * alerts journaled before rules could name a product. */
  productId?: string | null;
  severity: Severity;
  state: AlertState;
  /** Event time the condition first held, fired and stopped holding. */
  activeAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  value: number | null;
  baseline: number | null;
  action: string;
  ackedAt: number | null;
  ackedBy: string | null;
  snoozedUntil: number | null;
  /** Why it fired, in figures (shared/alert-evidence.ts); absent in older alerts and threshold rules. */
  evidence?: AlertEvidence;
}
