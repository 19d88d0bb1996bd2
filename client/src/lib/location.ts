export function readLocation(): { roomId: string | null; token: string | null } {
  const q = new URLSearchParams(window.location.search);
  return { roomId: q.get('room'), token: q.get('token') };
}

export function screenUrl(roomId: string, token: string): string {
  return `/?room=${encodeURIComponent(roomId)}&token=${encodeURIComponent(token)}`;
}
