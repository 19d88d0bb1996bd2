// The import use case: a recording (our NDJSON or Bilibili danmaku XML) read as its body arrives, validated
// and handed on in sorted chunks, in memory bounded whatever the body's size or content, yielding to other
// rooms between chunks. An event that cannot be read or is not valid is refused alone, with its index: the
// NDJSON line (blank lines not counted) or the XML element. Events beyond server time + MAX_EVENT_FUTURE_MS are
// refused (`ts_in_future`): a recording is from the past, and a room's clock follows its latest event.
import { MAX_EVENT_FUTURE_MS } from '../../shared/constants.ts';
import type { LiveEvent } from '../../shared/events.ts';
import { HttpError } from '../http/errors.ts';
import { BilibiliXmlStream } from '../sources/import/bilibili-xml.ts';
import type { IngestRejection } from '../sources/source.ts';
import { LineSplitter } from './line-splitter.ts';
import { type BodyItem, parseLine } from './parse-body.ts';
import { ReorderWindow } from './reorder.ts';
import { Slicer } from './slicer.ts';
import { validateEvent } from './validate-event.ts';

export type ImportFormat = 'ndjson' | 'bilibili-xml';

/** Where valid events go, sorted, a chunk at a time (the room's pipeline, or a replay's spool). */
export type ImportSink = (events: LiveEvent[]) => Promise<{ accepted: number; duplicates: number }>;

export interface ImportLimits {
  maxLines: number;
  /** The first this many all refused: not a recording (IMPORT_GIVE_UP_LINES). */
  giveUpLines: number;
  maxLineBytes: number;
  /** Rejections listed in the answer; the rest are counted. */
  maxReported: number;
}

export interface ImportTally {
  total: number;
  accepted: number;
  duplicates: number;
  rejected: IngestRejection[];
  rejectedCount: number;
  from: number | null;
  to: number | null;
}

/** Events per store: one commit and one apply each, so one chunk holds the event loop some 20 ms at most. */
const STORE_CHUNK = 1000;
/** Chunks stored at once: 4,000 events per group commit, about what one push of 10,000 holds the loop. */
const STORE_IN_FLIGHT = 4;
/** Events held back to sort a nearly sorted recording (ReorderWindow). */
const REORDER_HOLD = 4000;

export async function importStream(
  body: AsyncIterable<Buffer>,
  format: ImportFormat,
  now: () => number,
  sink: ImportSink,
  limits: ImportLimits,
): Promise<ImportTally> {
  const tally: ImportTally = {
    total: 0,
    accepted: 0,
    duplicates: 0,
    rejected: [],
    rejectedCount: 0,
    from: null,
    to: null,
  };
  const reorder = new ReorderWindow(REORDER_HOLD);
  const slicer = new Slicer();
  const reader = format === 'ndjson' ? ndjsonReader(limits.maxLineBytes) : xmlReader(limits.maxLineBytes);
  // STORE_IN_FLIGHT chunks share a group commit (as concurrent pushes do) and apply in order: a commit is an
  // fsync, 15 ms on a busy disk, and one per 1,000 events made the import 1.7× the CPU of the same pushes.
  const store = async (events: LiveEvent[]) => {
    const inFlight: Promise<void>[] = [];
    let failure: unknown = null;
    for (let i = 0; i < events.length && failure === null; i += STORE_CHUNK) {
      const stored = sink(events.slice(i, i + STORE_CHUNK)).then(
        (r) => {
          tally.accepted += r.accepted;
          tally.duplicates += r.duplicates;
        },
        (err) => {
          failure ??= err;
        },
      );
      inFlight.push(stored);
      if (inFlight.length >= STORE_IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
    if (failure !== null) throw failure;
  };
  const judge = async (units: unknown[]) => {
    const bound = now() + MAX_EVENT_FUTURE_MS;
    for (const unit of units) {
      // Parsed here, one at a time, so that a chunk of 20,000 tiny lines is judged in slices too.
      const item = reader.item(unit);
      await slicer.step();
      const index = tally.total++;
      if (tally.total > limits.maxLines) {
        await store(reorder.drain());
        throw new HttpError(
          413,
          'too_many_lines',
          `at most ${limits.maxLines} lines per import: the first ${limits.maxLines} were imported; send the rest in another import`,
        );
      }
      const v = item.ok ? validateEvent(item.value, null) : item;
      const verdict: typeof v =
        v.ok && v.event.ts > bound
          ? { ok: false, code: 'ts_in_future', message: `ts ${v.event.ts} is more than 5 min after server time` }
          : v;
      if (!verdict.ok) {
        if (++tally.rejectedCount >= limits.giveUpLines && tally.rejectedCount === tally.total) notARecording(tally);
        if (tally.rejected.length < limits.maxReported)
          tally.rejected.push({ index, code: verdict.code, message: verdict.message });
        continue;
      }
      const ts = verdict.event.ts;
      if (tally.from === null || ts < tally.from) tally.from = ts;
      if (tally.to === null || ts > tally.to) tally.to = ts;
      reorder.add(verdict.event);
    }
    await store(reorder.ready());
  };
  for await (const chunk of body) {
    await judge(reader.push(chunk));
    await slicer.due();
  }
  await judge(reader.end());
  await store(reorder.drain());
  if (!reader.recognised()) throw new HttpError(400, 'invalid_xml', 'no <d p="…"> danmaku elements in the body');
  return tally;
}

function notARecording(tally: ImportTally): never {
  const first = tally.rejected[0];
  throw new HttpError(
    422,
    'not_a_recording',
    `the first ${tally.rejectedCount} lines were all refused (the first: ${first?.code}: ${first?.message}); is the format right?`,
  );
}

interface Reader {
  /** The units (lines, elements) the chunk completed, each read into an item by `item`. */
  push(chunk: Buffer): unknown[];
  end(): unknown[];
  item(unit: unknown): BodyItem;
  /** False when the body is not of the format at all (XML without a single danmaku element). */
  recognised(): boolean;
}

/** A reader's push and end: what the parser emits while it takes a chunk (or the end) is handed back whole. */
function collecting<T>(
  feed: (chunk: Buffer, put: (unit: T) => void) => void,
  finish: (put: (unit: T) => void) => void,
): { push(chunk: Buffer): T[]; end(): T[] } {
  const run = (step: (put: (unit: T) => void) => void) => {
    const out: T[] = [];
    step((unit) => out.push(unit));
    return out;
  };
  return { push: (chunk) => run((put) => feed(chunk, put)), end: () => run(finish) };
}

function ndjsonReader(maxLineBytes: number): Reader {
  const lines = new LineSplitter(maxLineBytes);
  const tooLong: BodyItem = { ok: false, code: 'line_too_long', message: `line is over ${maxLineBytes} bytes` };
  return {
    ...collecting<Buffer | null>(
      (chunk, put) => lines.push(chunk, put),
      (put) => lines.end(put),
    ),
    item: (unit) => (unit === null ? tooLong : parseLine(unit as Buffer)),
    recognised: () => true,
  };
}

function xmlReader(maxElementChars: number): Reader {
  const xml = new BilibiliXmlStream(maxElementChars);
  // Elements the parser skips (malformed, blank, too long) are not events: not counted, as before streaming.
  const events = (put: (e: LiveEvent) => void) => (e: LiveEvent | null) => {
    if (e) put(e);
  };
  return {
    ...collecting<LiveEvent>(
      (chunk, put) => xml.push(chunk, events(put)),
      (put) => xml.end(events(put)),
    ),
    item: (unit) => ({ ok: true, value: unit }),
    recognised: () => xml.sawElement,
  };
}
