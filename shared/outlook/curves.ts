// A session as the overlay and the forecast read it: one point per minute since its start. Cumulative figures
// (GMV, orders) are the room state at the minute's end; a measure the source never gave is null.

export interface CurvePoint {
  online: number | null;
  /** Cumulative GMV (¥) at the minute's end. */
  gmv: number | null;
  /** Cumulative created orders at the minute's end. */
  orders: number | null;
  /** 点击-下单 (order users ÷ click users) at the minute's end. */
  clickToOrder: number | null;
  /** The product being explained (讲解) at the minute's end, if any. */
  explaining?: string | null;
}

export interface SessionCurve {
  /** Event time (ms) of the session's first event. */
  start: number;
  points: CurvePoint[];
}

export const OVERLAY_METRICS = ['online', 'gmv', 'ordersPerMin', 'clickToOrder'] as const;
export type OverlayMetric = (typeof OVERLAY_METRICS)[number];

/** The values of one overlay metric by minute: orders per minute is the difference of cumulative orders. */
export function metricSeries(points: CurvePoint[], metric: OverlayMetric): (number | null)[] {
  if (metric !== 'ordersPerMin') return points.map((p) => p[metric]);
  return points.map((p, i) => {
    const prev = i === 0 ? 0 : points[i - 1]!.orders;
    return p.orders === null || prev === null ? null : p.orders - prev;
  });
}

/** The last non-null value of a cumulative figure: the session's final figure. */
export function finalOf(points: CurvePoint[], field: 'gmv' | 'orders'): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const v = points[i]![field];
    if (v !== null) return v;
  }
  return null;
}

/**
 * Re-align a session on the first minute a product was explained (讲解): minute 0 is that minute, and GMV and
 * orders count from the minute before it (what the explain brought, not the session so far). Null when the
 * product was never explained in the session.
 */
export function alignOnExplain(points: readonly CurvePoint[], productId: string): CurvePoint[] | null {
  const i = points.findIndex((p) => p.explaining === productId);
  if (i < 0) return null;
  const before = i > 0 ? points[i - 1]! : null;
  const since = (v: number | null, b: number | null | undefined) => (v === null ? null : v - (b ?? 0));
  return points
    .slice(i)
    .map((p) => ({ ...p, gmv: since(p.gmv, before?.gmv), orders: since(p.orders, before?.orders) }));
}
