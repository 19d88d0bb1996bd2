// The core cards' change: the last 5 minutes against the 5 before (环比), as the platforms show it.
import { CHANGE_WINDOW_MINUTES, WINDOW_MS } from '../../shared/constants.ts';
import { pctChange, ratio } from '../../shared/metrics/ratio.ts';
import type { Change, RoomState } from '../../shared/state.ts';
import type { MinuteBuckets, MinuteField } from './minute-buckets.ts';

const CHANGE_MS = CHANGE_WINDOW_MINUTES * WINDOW_MS;

/** `online` and `avgWatch` are the gauges now; their earlier values come from the minute buckets. */
export function changes5m(
  m: MinuteBuckets,
  now: number,
  online: number,
  avgWatch: number | null,
): RoomState['change5m'] {
  const win = (field: MinuteField, back: number) =>
    m.windowSum(field, now, now - CHANGE_MS * (back + 1), now - CHANGE_MS * back);
  const perMin = (field: MinuteField) =>
    change(win(field, 0) / CHANGE_WINDOW_MINUTES, win(field, 1) / CHANGE_WINDOW_MINUTES);
  const conv = (back: number) => ratio(win('paidOrders', back), win('entries', back));
  const gauge = (g: 'online' | 'avgWatchSeconds', cur: number | null) =>
    change(cur, m.gaugeAt(g, now, CHANGE_WINDOW_MINUTES));
  return {
    online: gauge('online', online),
    entriesPerMin: perMin('entries'),
    avgWatchSeconds: gauge('avgWatchSeconds', avgWatch),
    comments: perMin('comments'),
    gmv: change(win('gmv', 0), win('gmv', 1)),
    orders: change(win('orders', 0), win('orders', 1)),
    conversion: change(conv(0), conv(1)),
  };
}

function change(now: number | null, prev: number | null): Change {
  return { now: roundOrNull(now, 4), prev: roundOrNull(prev, 4), pct: roundOrNull(pctChange(now, prev), 4) };
}

export function roundOrNull(n: number | null, digits = 2): number | null {
  if (n === null || !Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
