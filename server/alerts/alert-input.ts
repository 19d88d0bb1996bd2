// What the alert evaluator reads from a room each second: current figures, windowed sums and cumulative
// counts, all in event time.
import type { OutlookGauges } from '../outlook/outlook-rules.ts';

/** Cumulative event counts that rates are judged on (successes ÷ trials). */
export interface RateCounts {
  /** Product card exposures, clicks and created orders: the explained product's while one is explained. */
  exposures: number;
  clicks: number;
  orders: number;
  /** Room-wide. */
  paidOrders: number;
  roomOrders: number;
  entries: number;
}

export interface AlertInput {
  ts: number;
  sourceDown: boolean;
  /** After a session_end, until the next session starts: the live has ended, and an empty room is no dip. */
  offAir?: boolean;
  online: number;
  avgWatchSeconds: number | null;
  /** 人均观看时长 is estimated (Little's law on a feed without departures), not measured: not judged for drops. */
  avgWatchEstimated?: boolean;
  entriesPerMin: number;
  commentsPerMin: number;
  /** Distinct people who commented in the last minute. */
  commentersPerMin: number;
  negativePerMin: number;
  /** The product being explained (讲解), if any: it scopes the funnel counts below. */
  explaining: string | null;
  counts: RateCounts;
  /** Remaining stock (库存) of the explained product, null when none is explained. */
  explainedStock: number | null;
  /** Remaining stock of any product, null for one the room does not know. */
  stockOf(productId: string): number | null;
  /** The outlook's figures (set each minute by server/outlook; absent while it has none). */
  outlook?: OutlookGauges | null;
}

/** For rate metrics: successes over trials. */
export const RATE_FIELDS = {
  clickRate: { num: 'clicks', den: 'exposures' },
  clickToOrderRate: { num: 'orders', den: 'clicks' },
  payRate: { num: 'paidOrders', den: 'roomOrders' },
  conversionRate: { num: 'paidOrders', den: 'entries' },
} as const satisfies Record<string, { num: keyof RateCounts; den: keyof RateCounts }>;
