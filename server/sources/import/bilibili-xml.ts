// Bilibili danmaku XML: <d p="rel_time_s,mode,size,color,unix_ts_s,pool,uid,seq">text</d>. Each line becomes a
// comment event at its real send time (unix seconds, plus the sub-second part of the relative time, so the
// order within a second survives) with an id from uid and seq, so importing the same file twice is idempotent.
// A hand-written forward scan, no XML parser: the format is flat. Linear in the input whatever it holds: every
// search moves forward and remembers where the next `"`, `>` and `</d>` are, so a body of unclosed elements
// (`<d p=""` × n, quadratic for a regex) costs one pass.
import { MAX_ID_CHARS, MAX_TEXT_CHARS } from '../../../shared/constants.ts';
import type { EventOf } from '../../../shared/events.ts';
import type { Slicer } from '../../ingest/slicer.ts';

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

/** Finds `needle` at or after `from`, remembering the last answer so repeated searches never rescan. */
class Finder {
  private from = -1;
  private at = -1;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}
  next(from: number): number {
    if (this.from !== -1 && from >= this.from && (this.at === -1 || this.at >= from)) return this.at;
    this.from = from;
    this.at = this.text.indexOf(this.needle, from);
    return this.at;
  }
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';

/** Each <d p="…"> element (other attributes tolerated), self-closing or with text: its p and raw text. */
export function* scanElements(xml: string): Generator<{ p: string; raw: string | undefined }> {
  const quote = new Finder(xml, '"');
  const gt = new Finder(xml, '>');
  const close = new Finder(xml, '</d>');
  let pos = 0;
  for (;;) {
    const start = xml.indexOf('<d', pos);
    if (start === -1) return;
    let i = start + 2;
    while (isSpace(xml[i])) i++;
    if (i === start + 2 || !xml.startsWith('p="', i)) {
      pos = start + 2;
      continue;
    }
    const valueEnd = quote.next(i + 3);
    if (valueEnd === -1) return;
    const tagEnd = gt.next(valueEnd + 1);
    if (tagEnd === -1) return;
    const p = xml.slice(i + 3, valueEnd);
    if (xml[tagEnd - 1] === '/' && tagEnd - 1 > valueEnd) {
      yield { p, raw: undefined };
      pos = tagEnd + 1;
      continue;
    }
    const textEnd = close.next(tagEnd + 1);
    if (textEnd === -1) return;
    yield { p, raw: xml.slice(tagEnd + 1, textEnd) };
    pos = textEnd + 4;
  }
}

export function parseBilibiliXml(xml: string): BilibiliImport {
  return collect(xml, null) as BilibiliImport;
}

/** The same, in slices that yield to other rooms (an import route's body). */
export async function parseBilibiliXmlSliced(xml: string, slicer: Slicer): Promise<BilibiliImport> {
  return collect(xml, slicer);
}

function collect(xml: string, slicer: Slicer | null): BilibiliImport | Promise<BilibiliImport> {
  const events: EventOf<'comment'>[] = [];
  const viewers = new Set<string>();
  let skipped = 0;
  const elements = scanElements(xml);
  const finish = (): BilibiliImport => {
    events.sort((a, b) => a.ts - b.ts); // stable: file order kept within a millisecond
    return { events, skipped, viewers: viewers.size };
  };
  const take = (m: { p: string; raw: string | undefined }) => {
    const e = toEvent(m.p, m.raw);
    if (!e) {
      skipped++;
      return;
    }
    viewers.add(e.userId!);
    events.push(e);
  };
  if (slicer === null) {
    for (const m of elements) take(m);
    return finish();
  }
  return (async () => {
    for (const m of elements) {
      take(m);
      await slicer.step();
    }
    return finish();
  })();
}
