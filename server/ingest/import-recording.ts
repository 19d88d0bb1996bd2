// The import use case: a recording (our NDJSON or Bilibili danmaku XML) parsed, validated and stored in
// slices that yield to other rooms, so one large body never freezes the server. Events outside sane time
// bounds are refused one by one (ts_out_of_range), the others imported.
import type { LiveEvent } from '../../shared/events.ts';
import { HttpError } from '../http/errors.ts';
import type { RoomRuntime } from '../rooms/room-runtime.ts';
import type { Services } from '../services.ts';
import { parseBilibiliXmlSliced } from '../sources/import/bilibili-xml.ts';
import type { IngestRejection } from '../sources/source.ts';
import { type BodyItem, parseNdjsonSliced } from './parse-body.ts';
import { Slicer } from './slicer.ts';
import { validateEvent } from './validate-event.ts';

export type ImportFormat = 'ndjson' | 'bilibili-xml';
const STORE_CHUNK = 2000;

export async function readRecording(format: ImportFormat, body: Buffer, slicer: Slicer): Promise<BodyItem[]> {
  if (format === 'ndjson') return parseNdjsonSliced(body, slicer);
  const text = body.toString('utf8');
  if (!text.includes('<d ')) throw new HttpError(400, 'invalid_xml', 'no <d p="…"> danmaku elements in the body');
  const { events } = await parseBilibiliXmlSliced(text, slicer);
  return events.map((value) => ({ ok: true, value }));
}

/** Validates each item (recordings keep their own time: no bound against server time, only sane bounds). */
export async function validateSliced(items: BodyItem[], slicer: Slicer) {
  const rejected: IngestRejection[] = [];
  const valid: LiveEvent[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const verdict = item.ok ? validateEvent(item.value, null) : item;
    if (verdict.ok) valid.push(verdict.event);
    else rejected.push({ index, code: verdict.code, message: verdict.message });
    await slicer.step();
  }
  // Recordings are nearly sorted already: check in one pass before paying for a sort.
  let sorted = true;
  for (let i = 1; i < valid.length && sorted; i++) sorted = valid[i - 1]!.ts <= valid[i]!.ts;
  if (!sorted) valid.sort((a, b) => a.ts - b.ts);
  return { valid, rejected };
}

/** Stores and applies at once, holding the room clock so ticks between chunks show no half-loaded "now". */
export async function storeAtOnce(services: Services, runtime: RoomRuntime, valid: LiveEvent[], slicer: Slicer) {
  let accepted = 0;
  let duplicates = 0;
  runtime.holdClock = true;
  try {
    for (let i = 0; i < valid.length; i += STORE_CHUNK) {
      const r = await services.pipeline.ingestEvents(runtime, valid.slice(i, i + STORE_CHUNK), { checkTime: false });
      accepted += r.accepted;
      duplicates += r.duplicates;
      await slicer.yield();
    }
    if (accepted > 0) runtime.settleImport();
  } finally {
    runtime.holdClock = false;
  }
  await services.writer.flush();
  return { accepted, duplicates };
}

export { Slicer };
