// Exchanges a seat link's token for the HttpOnly seat cookie, then takes the token out of the address bar.
import { useEffect, useState } from 'react';
import { readLocation, replaceTokenWithSeat } from './location.ts';

export type SeatState =
  | { status: 'none' }
  | { status: 'pending'; roomId: string }
  | { status: 'ready'; roomId: string; seat: string }
  | { status: 'failed'; roomId: string; message: string };

export async function exchangeSeatLink(roomId: string, token: string): Promise<SeatState> {
  try {
    const res = await fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomId, token }),
    });
    const body = (await res.json().catch(() => null)) as { seat?: unknown; message?: unknown } | null;
    if (res.ok && typeof body?.seat === 'string') return { status: 'ready', roomId, seat: body.seat };
    return { status: 'failed', roomId, message: typeof body?.message === 'string' ? body.message : res.statusText };
  } catch (err) {
    return { status: 'failed', roomId, message: err instanceof Error ? err.message : String(err) };
  }
}

function initial(): SeatState {
  const { roomId, token, seat } = readLocation();
  if (!roomId) return { status: 'none' };
  if (token) return { status: 'pending', roomId };
  return seat ? { status: 'ready', roomId, seat } : { status: 'none' };
}

/** The seat this page opens; a token in the address bar is exchanged first (and removed, even if refused). */
export function useSeat(): SeatState {
  const [state, setState] = useState(initial);
  useEffect(() => {
    const { roomId, token } = readLocation();
    if (!roomId || !token) return;
    void exchangeSeatLink(roomId, token).then((next) => {
      replaceTokenWithSeat(next.status === 'ready' ? next.seat : 'unknown');
      setState(next);
    });
  }, []);
  return state;
}
