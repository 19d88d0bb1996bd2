// Where the admin token lives in this tab: sessionStorage (gone when the tab closes). The start banner's link
// carries it in the fragment (#admin=…), which never reaches the server or its logs, and is removed from the
// address bar as soon as it is read.
const KEY = 'live-console.admin';

export function takeAdminToken(): string | null {
  const m = /^#admin=([^&]+)/.exec(window.location.hash);
  if (m) {
    const token = decodeURIComponent(m[1]!);
    saveAdminToken(token);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveAdminToken(token: string | null): void {
  try {
    if (token === null) window.sessionStorage.removeItem(KEY);
    else window.sessionStorage.setItem(KEY, token);
  } catch {
    // Storage refused (private mode): the token holds for this page only.
  }
}

/** A pasted seat link, reduced to this server's path, or null when it names no room and token. */
export function seatPath(link: string): string | null {
  try {
    const url = new URL(link.trim(), window.location.origin);
    const room = url.searchParams.get('room');
    const token = url.searchParams.get('token');
    return room && token ? `/?${url.searchParams.toString()}` : null;
  } catch {
    return null;
  }
}
