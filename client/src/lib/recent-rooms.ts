// Rooms this browser has opened, for the room picker. Capped so localStorage never grows without bound.
export interface RecentRoom {
  roomId: string;
  token: string;
  name: string;
}

const KEY = 'live-console.recent-rooms';
const MAX = 12;

export function loadRecentRooms(): RecentRoom[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as RecentRoom[]).filter((r) => r && typeof r.roomId === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberRoom(room: RecentRoom): void {
  const rest = loadRecentRooms().filter((r) => r.roomId !== room.roomId);
  localStorage.setItem(KEY, JSON.stringify([room, ...rest].slice(0, MAX)));
}
