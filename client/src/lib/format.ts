// Numbers as a control room reads them from 3 m: 万 in Chinese, k/M in English, "—" for missing.
import type { Lang } from './i18n.ts';

export const DASH = '—';

export function fmtCount(n: number | null, lang: Lang): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  const abs = Math.abs(n);
  if (lang === 'zh') {
    if (abs >= 1e8) return `${(n / 1e8).toFixed(2)}亿`;
    if (abs >= 1e4) return `${(n / 1e4).toFixed(abs >= 1e5 ? 1 : 2)}万`;
    return Math.round(n).toLocaleString('zh-CN');
  }
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return Math.round(n).toLocaleString('en-US');
}

export function fmtMoney(n: number | null, lang: Lang): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  if (Math.abs(n) < 1e4) return `¥${n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 })}`;
  return `¥${fmtCount(n, lang)}`;
}

export function fmtPct(r: number | null, digits = 1): string {
  if (r === null || !Number.isFinite(r)) return DASH;
  return `${(r * 100).toFixed(digits)}%`;
}

export function fmtDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return DASH;
  const s = Math.round(seconds);
  if (s >= 3600)
    return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export interface ChangeView {
  text: string;
  dir: 'up' | 'down' | 'flat' | 'none';
}

export function fmtChange(pct: number | null): ChangeView {
  if (pct === null || !Number.isFinite(pct)) return { text: DASH, dir: 'none' };
  if (Math.abs(pct) < 0.005) return { text: '0%', dir: 'flat' };
  const arrow = pct > 0 ? '▲' : '▼';
  return {
    text: `${arrow} ${Math.abs(pct * 100).toFixed(Math.abs(pct) < 0.1 ? 1 : 0)}%`,
    dir: pct > 0 ? 'up' : 'down',
  };
}

const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

/** A date and time of day in the screen's language (the browser's time zone): 2025年1月1日 20:00. */
export function fmtDateTime(ts: number | null, lang: Lang): string {
  if (ts === null || !Number.isFinite(ts)) return DASH;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeStyle: 'short' }).format(ts);
}

/** A time of day, 24-hour, with or without seconds. */
export function fmtClock(ts: number | null, lang: Lang, seconds = false): string {
  if (ts === null || !Number.isFinite(ts)) return DASH;
  const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hour12: false };
  return new Intl.DateTimeFormat(LOCALE[lang], seconds ? { ...opts, second: '2-digit' } : opts).format(ts);
}
