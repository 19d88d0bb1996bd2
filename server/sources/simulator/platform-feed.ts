// What a platform-shaped feed lets through of the room (the Douyin relay, TikTok LIVE with the shop's order
// push): entries but no departures, no product card exposures, clicks without the viewer's id, and orders under
// the shop's buyer id (抖店 knows its buyer, not the viewer), so no order can be linked to a click. Sampling of
// viewer events is applied after this, as for any sampled feed. The platform's data API adds what the feed
// lacks: counters every minute per product, of card exposures and clicks (complete, not sampled).
import type { LiveEvent } from '../../../shared/events.ts';

export function platformView(e: LiveEvent): LiveEvent | null {
  switch (e.type) {
    case 'viewer_leave':
    case 'product_exposure':
      return null;
    case 'product_click': {
      const { userId: _viewer, ...rest } = e;
      return rest;
    }
    case 'order_created':
      return e.userId === undefined ? e : { ...e, userId: `buyer-${e.userId}` };
    default:
      return e;
  }
}

/** Card exposures and clicks per product since the last flush, as a platform's data API counts them. */
export class MinuteCounters {
  private counts = new Map<string, { cardExposures: number; clicks: number }>();

  add(e: LiveEvent & { productId: string }): void {
    const c = this.counts.get(e.productId) ?? { cardExposures: 0, clicks: 0 };
    if (e.type === 'product_exposure') c.cardExposures++;
    else c.clicks++;
    this.counts.set(e.productId, c);
  }

  /** The counters events of the interval (fromTs, ts]. */
  flush(fromTs: number, ts: number): LiveEvent[] {
    const out: LiveEvent[] = [...this.counts].map(([productId, c]) => ({
      type: 'counters',
      ts,
      fromTs,
      productId,
      ...c,
    }));
    this.counts = new Map();
    return out;
  }
}
