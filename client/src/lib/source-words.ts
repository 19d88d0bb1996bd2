// A source as a person names it: the platform (B站, 抖音, 模拟数据), never the config's `kind`, and how long ago
// its last message came.
import type { Key } from './i18n.ts';

/** The platform's name in the screen's language; an unknown kind (a newer server) as itself. */
export function sourceName(kind: string, t: (key: Key) => string): string {
  const key = `src_${kind}` as Key;
  const name = t(key);
  return name === undefined ? kind : name;
}

/** `3秒前`, `2分钟前`; null when nothing came yet. */
export function agoText(ms: number | null | undefined, t: (key: Key) => string): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s}${t('secondsAgo')}` : `${Math.floor(s / 60)}${t('minutesAgo')}`;
}
