// Small text helpers of the outlook panels.
import type { OverlayMetric } from '../../../../../shared/outlook/curves.ts';
import type { PaceField } from '../../../../../shared/outlook/pacing.ts';
import { fmtCount, fmtMoney, fmtPct } from '../../../lib/format.ts';
import type { Key, Lang } from '../../../lib/i18n.ts';

/** Fills {name} placeholders of a dictionary sentence. */
export const fillIn = (template: string, vars: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

export const METRIC_KEY: Record<OverlayMetric, Key> = {
  online: 'olOnline',
  gmv: 'olGmv',
  ordersPerMin: 'olOrdersPerMin',
  clickToOrder: 'olClickToOrder',
};

export const PACE_KEY: Record<PaceField, Key> = { gmv: 'olPaceGmv', orders: 'olPaceOrders', peakOnline: 'olPacePeak' };

export function fmtMetric(metric: OverlayMetric | PaceField, v: number | null, lang: Lang): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (metric === 'gmv') return fmtMoney(v, lang);
  if (metric === 'clickToOrder') return fmtPct(v);
  return fmtCount(Math.round(v * 10) / 10, lang);
}
