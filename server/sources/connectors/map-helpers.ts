// Small, total readers for the platforms' JSON: every field may be missing or of another type, and a bad
// field drops that one event, never the frame or the connection.
import { MAX_ID_CHARS, MAX_NICKNAME_CHARS, MAX_TEXT_CHARS } from '../../../shared/constants.ts';

export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
export const arr = (v: unknown): unknown[] | null => (Array.isArray(v) ? v : null);

/** A non-negative finite number, also from a numeric string (protobuf int64s arrive as strings). */
export function num(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

export function str(v: unknown, max: number = MAX_TEXT_CHARS): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t.length === 0 ? null : t.slice(0, max);
}

/** A platform's user id as it gives it; 0 / "0" / empty are its way of saying "hidden". */
export function userId(v: unknown): string | null {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  if (typeof v === 'string' && v !== '' && v !== '0' && v.length <= MAX_ID_CHARS) return v;
  return null;
}

export const nickname = (v: unknown): string | null => str(v, MAX_NICKNAME_CHARS);

/** Adds only the fields that are present: our event schemas refuse explicit undefined-valued extras. */
export function withOptional<T extends object>(base: T, extra: Record<string, string | number | null>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra)) if (v !== null) out[k] = v;
  return out as T;
}
