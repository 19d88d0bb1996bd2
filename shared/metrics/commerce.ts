// Money per audience. UV价值 = paid amount ÷ unique viewers; GPM = paid amount per 1,000 views (entries).
import { ratio } from './ratio.ts';

export function uvValue(paidAmount: number, uniqueViewers: number): number | null {
  return ratio(paidAmount, uniqueViewers);
}

export function gpm(paidAmount: number, views: number): number | null {
  const perView = ratio(paidAmount, views);
  return perView === null ? null : perView * 1000;
}

/** 退款率 = refunded amount ÷ paid amount. */
export function refundRate(refunded: number, paidAmount: number): number | null {
  return ratio(refunded, paidAmount);
}
