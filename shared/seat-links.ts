// The address of each seat's screen, in one place for the start banner, the admin screen and the docs. A seat
// link carries the room and the seat's token; opening it is all a 主播 or 助播 needs to do.
import type { Seat } from './protocol.ts';

export const SEAT_LABELS: Record<Seat, { zh: string; en: string }> = {
  controller: { zh: '场控', en: 'Controller' },
  assistant: { zh: '助播', en: 'Assistant' },
  host: { zh: '主播', en: 'Host' },
  viewer: { zh: '只读', en: 'Viewer' },
};

/** `origin` like http://localhost:8080 (no trailing slash). */
export function seatUrl(origin: string, roomId: string, token: string): string {
  return `${origin}/?room=${encodeURIComponent(roomId)}&token=${encodeURIComponent(token)}`;
}
