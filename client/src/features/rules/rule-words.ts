// A rule in words, for people: the metric's name (with its product, when the rule watches one) and its
// condition as a sentence ("剩余库存（保温杯） 低于 20"), built from the draft so the words follow the inputs
// while someone types.
import { type AlertMetric, RATE_METRICS } from '../../../../shared/alerts.ts';
import type { Key } from '../../lib/i18n.ts';
import type { DraftRule } from './rule-draft.ts';

export const METRIC_LABEL: Record<AlertMetric, Key> = {
  online: 'mOnline',
  avgWatchSeconds: 'mAvgWatch',
  entriesPerMin: 'mEntries',
  commentsPerMin: 'mComments',
  commentersPerMin: 'mCommenters',
  clickRate: 'mClickRate',
  clickToOrderRate: 'mClickToOrder',
  payRate: 'mPayRate',
  conversionRate: 'mConversion',
  negativeBarragePerMin: 'mNegative',
  explainNoOrdersSeconds: 'mExplainNoOrders',
  stock: 'mStock',
  sourceDown: 'mSourceDown',
  targetReach: 'mTargetReach',
  cohortRetention3m: 'mCohortRetention',
};

/** Fills {name} placeholders of a dictionary sentence; an unknown one is left as written. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The whole condition: "剩余库存（保温杯） 低于 20". `productName` is the catalogue's name for the rule's
 * product; an id the catalogue does not list is named by the id. */
export function ruleWords(d: DraftRule, t: (k: Key) => string, productName: string | undefined): string {
  // 数据中断 is its own condition: naming the metric again would say it twice.
  if (d.metric === 'sourceDown') return conditionWords(d, t);
  const metric = t(METRIC_LABEL[d.metric]);
  const subject =
    d.productId === null ? metric : fill(t('metricOfProduct'), { metric, product: productName ?? d.productId });
  return `${subject} ${conditionWords(d, t)}`;
}

export function conditionWords(d: DraftRule, t: (k: Key) => string): string {
  // sourceDown is a 0/1 signal: "above 0.5" would mean nothing to the person reading it.
  if (d.metric === 'sourceDown') return t('condSourceDown');
  const { num } = d;
  switch (d.kind) {
    case 'drop':
      return fill(t('condDrop'), { n: num.baselineMinutes, pct: num.pct });
    case 'rate': {
      const v = Number(num.perMinute);
      return fill(t(v < 0 ? 'condFall' : 'condRise'), { v: Number.isFinite(v) ? Math.abs(v) : num.perMinute });
    }
    default: {
      const unit = RATE_METRICS.has(d.metric) ? '%' : '';
      return fill(t(d.kind === 'below' ? 'condBelow' : 'condAbove'), { v: `${num.threshold}${unit}` });
    }
  }
}
