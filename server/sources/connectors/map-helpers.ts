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

/** A name the platform masked for an anonymous or not-logged-in viewer (观众***, 用***). */
export const MASKED_NAME = /\*{2,}/;

/**
 * The platforms' own figures as they show them: "1.2万", "3,456", "10w+" → a number; null if not one.
 * (万 = 10⁴, 亿 = 10⁸; a trailing "+" is a floor, read as the figure.)
 */
export function displayCount(v: unknown): number | null {
  const direct = num(v);
  if (direct !== null) return direct;
  if (typeof v !== 'string') return null;
  const m = /([\d.,]+)\s*(万|w|W|亿)?/.exec(v);
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  const unit = m[2] === '亿' ? 1e8 : m[2] ? 1e4 : 1;
  return Math.round(n * unit);
}

/** Adds only the fields that are present: our event schemas refuse explicit undefined-valued extras. */
export function withOptional<T extends object>(base: T, extra: Record<string, string | number | null>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra)) if (v !== null) out[k] = v;
  return out as T;
}

/** Integers this long lose digits as JSON numbers (ids of 16+ digits): they are read as strings instead. */
const LONG_INT = /^-?\d{16,}$/;
const NUMBER_CHAR = /[0-9.eE+-]/;

/**
 * JSON.parse, except that integers of 16 or more digits outside strings become strings: the platforms send
 * 19-digit order, room and user ids as bare numbers, which a double would round. One linear pass.
 */
export function parseJsonLongIds(text: string): unknown {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    const isStart = (c >= 48 && c <= 57) || c === 45;
    if (!isStart) continue;
    // The whole number token (sign, digits, fraction, exponent); only a bare long integer is quoted.
    let j = i + 1;
    while (j < text.length && NUMBER_CHAR.test(text[j]!)) j++;
    const token = text.slice(i, j);
    if (LONG_INT.test(token)) {
      out += `${text.slice(from, i)}"${token}"`;
      from = j;
    }
    i = j - 1;
  }
  return JSON.parse(from === 0 ? text : out + text.slice(from));
}
