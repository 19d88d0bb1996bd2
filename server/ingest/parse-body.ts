// Turning a request body into a list of items aligned with the sender's indexes: each item is a parsed value
// or the reason that element could not be read. NDJSON is judged line by line, so one bad line (broken JSON,
// invalid UTF-8) rejects only itself; a JSON array must parse as a whole (else HTTP 400).
import type { Slicer } from './slicer.ts';

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

export function parseEventsBody(buf: Buffer, contentType: string | undefined, maxEvents: number): BodyItem[] {
  const ndjson = (contentType ?? '').includes('ndjson');
  const items = ndjson ? parseNdjsonBuffer(buf) : parseJsonArray(buf);
  if (items.length > maxEvents) {
    throw new BodyError(413, 'too_many_events', `at most ${maxEvents} events per request, got ${items.length}`);
  }
  return items;
}

/** The non-blank lines of an NDJSON body, as slices of the buffer (no copy, no string per blank line). */
function* ndjsonLines(buf: Buffer): Generator<Buffer> {
  let start = 0;
  while (start <= buf.length) {
    let end = buf.indexOf(0x0a, start);
    if (end === -1) end = buf.length;
    const line = buf.subarray(start, end);
    start = end + 1;
    if (!line.every((b) => b === 0x20 || b === 0x0d || b === 0x09)) yield line;
  }
}

function parseNdjsonBuffer(buf: Buffer): BodyItem[] {
  return Array.from(ndjsonLines(buf), parseLine);
}

/** The same, in slices that yield to other rooms (imports of many MB). */
export async function parseNdjsonSliced(buf: Buffer, slicer: Slicer): Promise<BodyItem[]> {
  const items: BodyItem[] = [];
  for (const line of ndjsonLines(buf)) {
    items.push(parseLine(line));
    await slicer.step();
  }
  return items;
}

function parseLine(line: Uint8Array): BodyItem {
  let text: string;
  try {
    text = strict.decode(line);
  } catch {
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
