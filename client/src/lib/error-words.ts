// A server's refusal in the screen's language: each code the screens can meet has its words in the dicts
// (`err_<code>`, or the code's own key where the screens already word it: seat_revoked, seat_rotated,
// room_deleted); a code this screen does not know yet shows the server's own message rather than nothing.
import type { Key } from './i18n.ts';

export function errorText(err: { code: string; message?: string }, t: (key: Key) => string): string {
  const words = (t(`err_${err.code}` as Key) as string | undefined) ?? (t(err.code as Key) as string | undefined);
  return words ?? err.message ?? err.code;
}
