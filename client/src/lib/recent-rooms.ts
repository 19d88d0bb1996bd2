// Rooms this browser has opened, for the room picker: the room and the seat, never a token (the seat cookie
// opens it again). Capped so localStorage never grows without bound.
export interface RecentRoom {
  roomId: string;
  seat: string;
  name?: string;
}

const KEY = 'live-console.recent-rooms';
export const MAX_RECENT_ROOMS = 12;

const isRecent = (r: unknown): r is RecentRoom =>
  typeof r === 'object' &&
  r !== null &&
  typeof (r as RecentRoom).roomId === 'string' &&
  typeof (r as RecentRoom).seat === 'string';

const clean = (r: RecentRoom): RecentRoom =>
  r.name ? { roomId: r.roomId, seat: r.seat, name: r.name } : { roomId: r.roomId, seat: r.seat };

export function loadRecentRooms(): RecentRoom[] {
  try {
    const raw = localStorage.getItem(KEY) ?? '[]';
    const parsed = JSON.parse(raw) as unknown;
    const rooms = Array.isArray(parsed) ? parsed.filter(isRecent).slice(0, MAX_RECENT_ROOMS).map(clean) : [];
    // Older versions kept seat tokens here: rewrite the list without them.
    if (raw.includes('"token"')) localStorage.setItem(KEY, JSON.stringify(rooms));
    return rooms;
  } catch {
    return [];
  }
}

/** Moves the room to the top; a name learnt earlier is kept when this visit does not know it. */
export function rememberRoom(room: RecentRoom): void {
  const all = loadRecentRooms();
  const before = all.find((r) => r.roomId === room.roomId && r.seat === room.seat);
  const entry = clean({ ...room, ...((room.name ?? before?.name) ? { name: room.name ?? before?.name } : {}) });
  const rest = all.filter((r) => !(r.roomId === room.roomId && r.seat === room.seat));
  try {
    localStorage.setItem(KEY, JSON.stringify([entry, ...rest].slice(0, MAX_RECENT_ROOMS)));
  } catch {
    // Storage full or disabled: the picker just has less to offer.
  }
}
