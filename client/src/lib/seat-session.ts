// Exchanges a seat link's one-time code (or token) for the HttpOnly seat cookie, then takes it out of the
// address bar.
import { useEffect, useState } from 'react';
import { joinCodeSeat } from '../../../shared/seat-links.ts';
import { apiResult } from './api.ts';
import { readLocation, replaceTokenWithSeat } from './location.ts';

export type SeatState =
  | { status: 'none' }
  | { status: 'pending'; roomId: string }
  | { status: 'ready'; roomId: string; seat: string }
  | { status: 'failed'; roomId: string; message: string };

/** `secret`: the token, or `{ join }` for a one-time link's code. */
export async function exchangeSeatLink(roomId: string, secret: string | { join: string }): Promise<SeatState> {
  const body = typeof secret === 'string' ? { roomId, token: secret } : { roomId, ...secret };
  const res = await apiResult<{ seat?: unknown }>('/api/session', { method: 'POST', body });
  if (res.ok && typeof res.data?.seat === 'string') return { status: 'ready', roomId, seat: res.data.seat };
  // A spent link opened again in the browser it was spent in: that browser holds the seat's cookie.
  const seat = typeof secret === 'string' ? null : joinCodeSeat(secret.join);
  if (!res.ok && res.code === 'join_link_used' && seat) return { status: 'ready', roomId, seat };
  return { status: 'failed', roomId, message: res.ok ? '' : res.message };
}

/** What the address bar holds to exchange: a one-time code before a token. */
export function linkSecret(loc: { token: string | null; join: string | null }): string | { join: string } | null {
  return loc.join ? { join: loc.join } : loc.token;
}

function initial(): SeatState {
  const { roomId, token, join, seat } = readLocation();
  if (!roomId) return { status: 'none' };
  if (token || join) return { status: 'pending', roomId };
  return seat ? { status: 'ready', roomId, seat } : { status: 'none' };
}

/** The seat this page opens; a token in the address bar is exchanged first (and removed, even if refused). */
export function useSeat(): SeatState {
  const [state, setState] = useState(initial);
  useEffect(() => {
    const loc = readLocation();
    const secret = linkSecret(loc);
    if (!loc.roomId || !secret) return;
    void exchangeSeatLink(loc.roomId, secret).then((next) => {
      replaceTokenWithSeat(next.status === 'ready' ? next.seat : 'unknown');
      setState(next);
    });
  }, []);
  return state;
}
