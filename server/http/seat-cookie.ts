// A browser holds a seat as an HttpOnly, SameSite=Strict cookie, one per room and seat, whose value is the
// seat's token: page scripts cannot read it, other sites cannot send it, and it needs no session table. It
// refers to the token itself, so rotating or revoking the token (which deletes its row) ends every such
// session at once: the next request or socket handshake no longer resolves.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SEAT_COOKIE_MAX_AGE_S = 30 * 24 * 3600;
/** Which of the room's seat cookies a request means (one browser may hold several seats of a room). */
export const SEAT_HEADER = 'x-live-seat';

const SAFE = /^[A-Za-z0-9_-]{1,64}$/;

export function seatCookieName(roomId: string, seat: string): string | null {
  return SAFE.test(roomId) && SAFE.test(seat) ? `seat.${roomId}.${seat}` : null;
}

/** `a=1; b=2` → { a: '1', b: '2' }; a malformed pair is skipped, never thrown on. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.slice(0, 16_384).split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      // not percent-encoded properly: not one of ours
    }
  }
  return out;
}

/** The token a cookie holds for this room: the seat named, or the room's only seat cookie. */
export function cookieToken(cookies: Record<string, string>, roomId: string, seat: unknown): string | null {
  if (typeof seat === 'string') {
    const name = seatCookieName(roomId, seat);
    return (name && cookies[name]) || null;
  }
  const prefix = `seat.${roomId}.`;
  const held = Object.keys(cookies).filter((k) => k.startsWith(prefix));
  return held.length === 1 ? cookies[held[0]!]! : null;
}

export function requestCookieToken(req: FastifyRequest, roomId: string): string | null {
  return cookieToken(parseCookies(req.headers.cookie), roomId, req.headers[SEAT_HEADER]);
}

export function setSeatCookie(req: FastifyRequest, reply: FastifyReply, name: string, token: string): void {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  const value = encodeURIComponent(token);
  reply.header(
    'set-cookie',
    `${name}=${value}; Max-Age=${SEAT_COOKIE_MAX_AGE_S}; Path=/; HttpOnly; SameSite=Strict${secure}`,
  );
}
