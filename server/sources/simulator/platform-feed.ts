// What a platform-shaped feed lets through of the room (the Douyin relay, TikTok LIVE with the shop's order
// push): entries but no departures, no product card exposures, clicks without the viewer's id, and orders under
// the shop's buyer id (抖店 knows its buyer, not the viewer), so no order can be linked to a click. Sampling of
// viewer events is applied after this, as for any sampled feed.
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
