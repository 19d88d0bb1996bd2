// What the alert evaluator reads from a room each second: current figures and windowed sums, all in event time.
import type { MinuteField } from '../engine/minute-buckets.ts';

export interface AlertInput {
  ts: number;
  sourceDown: boolean;
  online: number;
  avgWatchSeconds: number | null;
  entriesPerMin: number;
  commentsPerMin: number;
  negativePerMin: number;
  explaining: string | null;
  /** Start of the current explain segment: rates are compared within one product, not across a switch. */
  explainSince: number | null;
  orders: number;
  /** Sum of a per-minute counter over event time [fromTs, toTs). */
  sum(field: MinuteField, fromTs: number, toTs: number): number;
}

/** For rate metrics: successes over trials, as counted events in a window. */
export const RATE_FIELDS = {
  clickRate: { num: 'clicks', den: 'productExposures' },
  clickToOrderRate: { num: 'orders', den: 'clicks' },
  conversionRate: { num: 'paidOrders', den: 'entries' },
} as const satisfies Record<string, { num: MinuteField; den: MinuteField }>;
