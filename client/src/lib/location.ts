// What the address bar says. A seat link (/?room=…&join=…, one-time; or /?room=…&token=…) is opened once: the
// code or token is exchanged for an HttpOnly seat cookie (seat-session.ts) and replaced by the seat's name.
// A join link keeps the token out of history and session files (the browser keeps the spent code); a token
// link leaves the token in the browser's history (docs/DEPLOY.md).
export function readLocation(): {
  roomId: string | null;
  token: string | null;
  join: string | null;
  seat: string | null;
} {
  const q = new URLSearchParams(window.location.search);
  return { roomId: q.get('room'), token: q.get('token'), join: q.get('join'), seat: q.get('seat') };
}

/** A screen of a seat this browser holds (its cookie opens it). */
export function screenUrl(roomId: string, seat: string): string {
  return `/?room=${encodeURIComponent(roomId)}&seat=${encodeURIComponent(seat)}`;
}

/** Headers for the API: the cookie travels by itself; this says which of the room's seats is meant. */
export function seatHeaders(seat: string): Record<string, string> {
  return { 'x-live-seat': seat };
}

/** The address bar without the token, naming the seat instead; other parameters (replay, report) kept. */
export function replaceTokenWithSeat(seat: string): void {
  const url = new URL(window.location.href);
  url.searchParams.delete('token');
  url.searchParams.delete('join');
  url.searchParams.set('seat', seat);
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
