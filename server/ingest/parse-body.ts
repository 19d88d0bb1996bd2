// Turning a request body into a list of items aligned with the sender's indexes: each item is a parsed value
// or the reason that element could not be read. NDJSON is judged line by line, so one bad line (broken JSON,
// invalid UTF-8) rejects only itself; a JSON array must parse as a whole (else HTTP 400).
import { isUtf8 } from 'node:buffer';
import { MAX_JSON_DEPTH } from '../../shared/constants.ts';
import { JsonShape } from './json-shape.ts';
import { LineSplitter } from './line-splitter.ts';

export type BodyItem = { ok: true; value: unknown } | { ok: false; code: string; message: string };

export class BodyError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** A whole body already in memory (benchmarks, tests); the route streams it through EventsBodyReader. */
export function parseEventsBody(buf: Buffer, contentType: string | undefined, maxEvents: number): BodyItem[] {
  const reader = new EventsBodyReader(contentType, maxEvents);
  reader.push(buf);
  reader.end();
  return reader.items();
}

/**
 * A push body read as it arrives: NDJSON is split into lines, and the request is refused (413
 * `too_many_events`) at the first line past `maxEvents`; a JSON array's depth and element count are judged
 * from its bytes. Both before any JSON.parse, and the parsing itself (`items`) waits for the caller, who
 * authorizes first.
 */
export class EventsBodyReader {
  private readonly ndjson: boolean;
  private readonly lines: Buffer[] = [];
  private readonly splitter = new LineSplitter(Number.POSITIVE_INFINITY);
  private readonly shape = new JsonShape();
  private readonly chunks: Buffer[] = [];
  private readonly onLine = (line: Buffer | null) => {
    if (this.lines.length >= this.maxEvents) throw this.tooMany();
    this.lines.push(line!);
  };

  constructor(
    contentType: string | undefined,
    private readonly maxEvents: number,
  ) {
    this.ndjson = (contentType ?? '').includes('ndjson');
  }

  push(chunk: Buffer): void {
    if (this.ndjson) {
      this.splitter.push(chunk, this.onLine);
      return;
    }
    if (!this.shape.push(chunk, MAX_JSON_DEPTH, this.maxEvents - 1)) this.refuseShape();
    this.chunks.push(chunk);
  }

  end(): void {
    if (this.ndjson) this.splitter.end(this.onLine);
  }

  /** The items, each a value or the reason it cannot be read (a JSON array that does not parse: HTTP 400). */
  items(): BodyItem[] {
    if (this.ndjson) return this.lines.map(parseLine);
    const items = parseJsonArray(this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks));
    if (items.length > this.maxEvents) throw this.tooMany(items.length);
    return items;
  }

  private refuseShape(): never {
    if (this.shape.depth > MAX_JSON_DEPTH) {
      throw new BodyError(400, 'invalid_json', `body nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    throw this.tooMany();
  }

  private tooMany(got?: number): BodyError {
    const n = got === undefined ? 'more' : String(got);
    return new BodyError(413, 'too_many_events', `at most ${this.maxEvents} events per request, got ${n}`);
  }
}

/** One NDJSON line: its value, or why it cannot be read (invalid UTF-8 or JSON), rejecting only itself. */
export function parseLine(line: Buffer): BodyItem {
  // Decoding replaces bad bytes with U+FFFD: only a line that shows one is checked strictly (a sender may
  // send U+FFFD itself), so the common line costs one decode.
  let text = line.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark opening the file
  if (text.includes('\ufffd') && !isUtf8(line)) {
    return { ok: false, code: 'invalid_utf8', message: 'line is not valid UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, code: 'invalid_json', message: `line is not JSON: ${(err as Error).message.slice(0, 120)}` };
  }
}

function parseJsonArray(buf: Buffer): BodyItem[] {
  let text: string;
  let badUtf8 = false;
  try {
    text = strict.decode(buf);
  } catch {
    // Decode leniently and reject only the events whose strings hold the replacement character.
    text = lenient.decode(buf);
    badUtf8 = true;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new BodyError(400, 'invalid_json', `body is not JSON: ${(err as Error).message.slice(0, 160)}`);
  }
  const values = Array.isArray(parsed) ? parsed : [parsed];
  return values.map((value): BodyItem => {
    if (badUtf8 && JSON.stringify(value).includes('\ufffd')) {
      return { ok: false, code: 'invalid_utf8', message: 'event contains bytes that are not valid UTF-8' };
    }
    return { ok: true, value };
  });
}
