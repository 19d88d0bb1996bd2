// Bilibili danmaku XML: <d p="rel_time_s,mode,size,color,unix_ts_s,pool,uid,seq">text</d>. Each line becomes a
// comment event at its real send time (unix seconds, plus the sub-second part of the relative time, so the
// order within a second survives) with an id from uid and seq, so importing the same file twice is idempotent.
// A regex scan, no XML parser: the format is flat, and a 4 MB recording must read in well under a second.
import { MAX_ID_CHARS, MAX_TEXT_CHARS } from '../../../shared/constants.ts';
import type { EventOf } from '../../../shared/events.ts';

/** A <d> element with its p attribute (other attributes tolerated), self-closing or with text. */
const ELEMENT = /<d\s+p="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/d>)/g;
const REL_TIME = /^-?\d+(?:\.\d+)?$/;
const UNIX_SECONDS = /^\d{1,11}$/;
const TOKEN = /^[^\s,"<>&]+$/;
const CDATA = /^<!\[CDATA\[([\s\S]*)\]\]>$/;
const ENTITY = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec === undefined ? Number.parseInt(hex!, 16) : Number(dec);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  });
}

export interface BilibiliImport {
  /** Sorted by ts; elements at the same ts keep their file order. */
  events: EventOf<'comment'>[];
  /** Elements not imported: a malformed p attribute, or a text that is blank or longer than MAX_TEXT_CHARS. */
  skipped: number;
  /** Distinct uids among the imported events. */
  viewers: number;
}

/** Send time in ms, or null if the p attribute is malformed. */
function sendTime(rel: string | undefined, unix: string | undefined): number | null {
  if (!rel || !unix || !REL_TIME.test(rel) || !UNIX_SECONDS.test(unix)) return null;
  const r = Number(rel);
  // The sub-second part of rel_time, counted forward even before the stream began (rel < 0).
  const ms = Math.min(999, Math.round((((r % 1) + 1) % 1) * 1000));
  return Number(unix) * 1000 + ms;
}

function toEvent(p: string, raw: string | undefined): EventOf<'comment'> | null {
  const f = p.split(',');
  const ts = sendTime(f[0], f[4]);
  const uid = f[6];
  const seq = f[7];
  if (ts === null || f.length < 8 || !uid || !seq || !TOKEN.test(uid) || !TOKEN.test(seq)) return null;
  const id = `bili-${uid}-${seq}`;
  if (id.length > MAX_ID_CHARS || uid.length > MAX_ID_CHARS) return null;
  const cdata = raw ? CDATA.exec(raw) : null;
  const text = cdata ? cdata[1]! : unescapeXml(raw ?? '');
  if (text.trim().length === 0 || text.length > MAX_TEXT_CHARS) return null;
  return { type: 'comment', ts, id, userId: uid, text };
}

export function parseBilibiliXml(xml: string): BilibiliImport {
  const events: EventOf<'comment'>[] = [];
  const viewers = new Set<string>();
  let skipped = 0;
  for (const m of xml.matchAll(ELEMENT)) {
    const e = toEvent(m[1]!, m[2]);
    if (!e) {
      skipped++;
      continue;
    }
    viewers.add(e.userId!);
    events.push(e);
  }
  events.sort((a, b) => a.ts - b.ts); // stable: file order kept within a millisecond
  return { events, skipped, viewers: viewers.size };
}
