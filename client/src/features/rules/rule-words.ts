// A rule in words, for people: the metric's name and its condition as a sentence ("较前5分钟下降 ≥30%"),
// built from the draft so the words follow the inputs while someone types.
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
  conversionRate: 'mConversion',
  negativeBarragePerMin: 'mNegative',
  explainNoOrdersSeconds: 'mExplainNoOrders',
  stock: 'mStock',
  sourceDown: 'mSourceDown',
};

/** Fills {name} placeholders of a dictionary sentence; an unknown one is left as written. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
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
