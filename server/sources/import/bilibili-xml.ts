// Bilibili danmaku XML: <d p="rel_time_s,mode,size,color,unix_ts_s,pool,uid,seq">text</d>. Each line becomes a
// comment event with the real send time (unix seconds, plus the sub-second part of the relative time so the
// order within a second survives) and an id from uid and seq, so importing the same file twice is idempotent.
import { MAX_TEXT_CHARS } from '../../../shared/constants.ts';
import type { EventOf } from '../../../shared/events.ts';

const ELEMENT = /<d\s+p="([^"]*)"\s*>([\s\S]*?)<\/d>/g;
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

export interface BilibiliImport {
  events: EventOf<'comment'>[];
  skipped: number;
  viewers: number;
}

export function parseBilibiliXml(xml: string): BilibiliImport {
  const events: EventOf<'comment'>[] = [];
  const viewers = new Set<string>();
  let skipped = 0;
  for (const m of xml.matchAll(ELEMENT)) {
    const p = m[1]!.split(',');
    const rel = Number(p[0]);
    const unix = Number(p[4]);
    const uid = p[6];
    const seq = p[7];
    const text = unescapeXml(m[2]!).trim();
    if (p.length < 8 || !Number.isFinite(rel) || !Number.isFinite(unix) || unix <= 0 || !uid || !seq) {
      skipped++;
      continue;
    }
    if (text.length === 0 || text.length > MAX_TEXT_CHARS) {
      skipped++;
      continue;
    }
    const fraction = Math.round((Math.abs(rel) % 1) * 1000);
    viewers.add(uid);
    events.push({ type: 'comment', ts: unix * 1000 + fraction, id: `bili-${uid}-${seq}`, userId: uid, text });
  }
  events.sort((a, b) => a.ts - b.ts); // Array.prototype.sort is stable: file order kept within a timestamp
  return { events, skipped, viewers: viewers.size };
}
