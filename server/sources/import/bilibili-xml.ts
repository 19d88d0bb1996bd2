// Bilibili danmaku XML: <d p="rel_time_s,mode,size,color,unix_ts_s,pool,uid,seq">text</d>. Each line becomes a
// comment event at its real send time (unix seconds, plus the sub-second part of the relative time, so the
// order within a second survives) with an id from uid and seq, so importing the same file twice is idempotent.
// A hand-written forward scan, no XML parser: the format is flat. Linear in the input whatever it holds: every
// search moves forward and remembers where the next `"`, `>` and `</d>` are, so a body of unclosed elements
// (`<d p=""` × n, quadratic for a regex) costs one pass.
import { MAX_ID_CHARS, MAX_TEXT_CHARS } from '../../../shared/constants.ts';
import type { EventOf } from '../../../shared/events.ts';

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

export interface Element {
  p: string;
  raw: string | undefined;
}

/**
 * Each <d p="…"> element (other attributes tolerated), self-closing or with text: its p and raw text. With
 * `final` false (a streamed body, more to come) it returns where the first element it could not finish starts,
 * for the caller to scan again with the next chunk; with `final` true, the whole text was seen.
 */
export function* scanElements(xml: string, final = true): Generator<Element, number> {
  const quote = new Finder(xml, '"');
  const gt = new Finder(xml, '>');
  const close = new Finder(xml, '</d>');
  let pos = 0;
  for (;;) {
    const start = xml.indexOf('<d', pos);
    // A `<` at the very end may open the next element.
    if (start === -1) return final ? xml.length : Math.max(pos, xml.endsWith('<') ? xml.length - 1 : xml.length);
    let i = start + 2;
    while (isSpace(xml[i])) i++;
    if (!final && i + 3 > xml.length) return start;
    if (i === start + 2 || !xml.startsWith('p="', i)) {
      pos = start + 2;
      continue;
    }
    const valueEnd = quote.next(i + 3);
    if (valueEnd === -1) return start;
    const tagEnd = gt.next(valueEnd + 1);
    if (tagEnd === -1) return start;
    const p = xml.slice(i + 3, valueEnd);
    if (xml[tagEnd - 1] === '/' && tagEnd - 1 > valueEnd) {
      yield { p, raw: undefined };
      pos = tagEnd + 1;
      continue;
    }
    const textEnd = close.next(tagEnd + 1);
    if (textEnd === -1) return start;
    yield { p, raw: xml.slice(tagEnd + 1, textEnd) };
    pos = textEnd + 4;
  }
}

/**
 * The same over a body that arrives in chunks (an import), in memory bounded by `maxElementChars`: what is
 * kept between chunks is the one element not finished yet, and an element that grows past the bound is
 * dropped (counted as skipped) as soon as it does.
 */
export class BilibiliXmlStream {
  private carry = '';
  private readonly decoder = new TextDecoder('utf-8');
  /** Whether the body showed any `<d ` at all (a body without one is not danmaku XML). */
  sawElement = false;

  constructor(private readonly maxElementChars: number) {}

  /** Calls `onEvent` with each finished element's event, or null for one that is malformed or too long. */
  push(bytes: Uint8Array, onEvent: (e: EventOf<'comment'> | null) => void): void {
    this.scan(this.decoder.decode(bytes, { stream: true }), false, onEvent);
  }

  /** Text already decoded (a whole file read as a string). */
  pushText(text: string, onEvent: (e: EventOf<'comment'> | null) => void): void {
    this.scan(text, false, onEvent);
  }

  end(onEvent: (e: EventOf<'comment'> | null) => void): void {
    this.scan(this.decoder.decode(), true, onEvent);
  }

  private scan(text: string, final: boolean, onEvent: (e: EventOf<'comment'> | null) => void): void {
    const xml = this.carry + text;
    if (!this.sawElement && xml.includes('<d ')) this.sawElement = true;
    const it = scanElements(xml, final);
    let r = it.next();
    for (; !r.done; r = it.next()) onEvent(toEvent(r.value.p, r.value.raw));
    let rest = r.value;
    if (xml.length - rest > this.maxElementChars) {
      // The unfinished element cannot fit: keep only from the first element start within the bound.
      const from = xml.indexOf('<d', xml.length - this.maxElementChars);
      onEvent(null);
      rest = from === -1 ? xml.length : from;
    }
    this.carry = final ? '' : xml.slice(rest);
  }
}

export function parseBilibiliXml(xml: string): BilibiliImport {
  const events: EventOf<'comment'>[] = [];
  const viewers = new Set<string>();
  let skipped = 0;
  const take = (e: EventOf<'comment'> | null) => {
    if (!e) {
      skipped++;
      return;
    }
    viewers.add(e.userId!);
    events.push(e);
  };
  const stream = new BilibiliXmlStream(Number.POSITIVE_INFINITY);
  stream.pushText(xml, take);
  stream.end(take);
  events.sort((a, b) => a.ts - b.ts); // stable: file order kept within a millisecond
  return { events, skipped, viewers: viewers.size };
}
