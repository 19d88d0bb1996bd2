// The address of each seat's screen, in one place for the start banner, the admin screen and the docs. A seat
// link carries the room and the seat's token; opening it is all a 主播 or 助播 needs to do.
import type { Seat } from './protocol.ts';

export const SEAT_LABELS: Record<Seat, { zh: string; en: string }> = {
  controller: { zh: '场控', en: 'Controller' },
  assistant: { zh: '助播', en: 'Assistant' },
  host: { zh: '主播', en: 'Host' },
  viewer: { zh: '只读', en: 'Viewer' },
};

/**
 * A one-time seat link (server/http/join-links.ts): what the admin screen and the start banner hand out. The
 * browser records the address it opens; this one carries a code that is spent once opened, not the token.
 */
export function joinUrl(origin: string, roomId: string, code: string): string {
  return `${origin}/?room=${encodeURIComponent(roomId)}&join=${encodeURIComponent(code)}`;
}

/** The seat named in a join code (not checked: the server checks it when the code is spent). */
export function joinCodeSeat(code: string): string | null {
  try {
    const body = code.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(body)) as { s?: unknown };
    return typeof claims.s === 'string' ? claims.s : null;
  } catch {
    return null;
  }
}

/** A link that carries the token itself (scripts, old links): it works, but stays in the browser's history.
 * `origin` like http://localhost:8080 (no trailing slash). */
export function seatUrl(origin: string, roomId: string, token: string): string {
  return `${origin}/?room=${encodeURIComponent(roomId)}&token=${encodeURIComponent(token)}`;
}
