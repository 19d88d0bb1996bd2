// Rooms this browser has opened, for the room picker. Capped so localStorage never grows without bound.
export interface RecentRoom {
  roomId: string;
  token: string;
  name?: string;
}

const KEY = 'live-console.recent-rooms';
export const MAX_RECENT_ROOMS = 12;

const isRecent = (r: unknown): r is RecentRoom =>
  typeof r === 'object' &&
  r !== null &&
  typeof (r as RecentRoom).roomId === 'string' &&
  typeof (r as RecentRoom).token === 'string';

export function loadRecentRooms(): RecentRoom[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter(isRecent).slice(0, MAX_RECENT_ROOMS) : [];
  } catch {
    return [];
  }
}

/** Moves the room to the top; a name learnt earlier is kept when this visit does not know it. */
export function rememberRoom(room: RecentRoom): void {
  const all = loadRecentRooms();
  const before = all.find((r) => r.roomId === room.roomId);
  const name = room.name ?? before?.name;
  const entry: RecentRoom = name ? { ...room, name } : { roomId: room.roomId, token: room.token };
  const rest = all.filter((r) => r.roomId !== room.roomId);
  try {
    localStorage.setItem(KEY, JSON.stringify([entry, ...rest].slice(0, MAX_RECENT_ROOMS)));
  } catch {
    // Storage full or disabled: the picker just has less to offer.
  }
}
