// The report's figures under the big screen's words (lib/dict-*.ts), and each shown as the big screen shows it.

import { fmtCount, fmtDuration, fmtMoney, fmtPct } from '../../lib/format.ts';
import type { Key, Lang } from '../../lib/i18n.ts';

/** Every figure of the comparison (server/replay/report.ts `figures`), by its label key. */
export const METRIC_KEY: Record<string, Key> = {
  cumulativeViewers: 'cumulative',
  peakOnline: 'rPeakOnline',
  avgWatchSeconds: 'avgWatch',
  newFollowers: 'follows',
  followRate: 'rFollowRate',
  comments: 'comments',
  commentUsers: 'rCommentUsers',
  interactionRate: 'interaction',
  productExposureUsers: 'productExposure',
  clickUsers: 'clicks',
  clickRate: 'clickRate',
  clickToOrder: 'mClickToOrder',
  orderToPaid: 'rOrderToPaid',
  conversion: 'conversion',
  gmv: 'gmv',
  paid: 'paidAmount',
  uvValue: 'uvValue',
  gpm: 'rGpm',
};

/** The funnel stages the weakest-stage line names. */
export const STAGE_KEY: Record<string, Key> = {
  click: 'clickRate',
  clickToOrder: 'mClickToOrder',
  orderToPaid: 'rOrderToPaid',
};

/** The minute charts' series. */
export const MINUTE_KEY: Record<string, Key> = {
  online: 'online',
  entries: 'entries',
  comments: 'mComments',
  clicks: 'rClicksPerMin',
  orders: 'rOrdersPerMin',
  gmv: 'rGmvPerMin',
};

const RATE_METRICS = new Set([
  'followRate',
  'interactionRate',
  'clickRate',
  'clickToOrder',
  'orderToPaid',
  'conversion',
]);
const MONEY_METRICS = new Set(['gmv', 'paid', 'uvValue', 'gpm']);

export function showMetric(metric: string, v: number | null, lang: Lang): string {
  if (RATE_METRICS.has(metric)) return fmtPct(v, 2);
  if (MONEY_METRICS.has(metric)) return fmtMoney(v, lang);
  if (metric === 'avgWatchSeconds') return fmtDuration(v);
  return fmtCount(v, lang);
}

/** A label with {placeholders} filled. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
