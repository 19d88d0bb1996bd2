// The import use cases behind POST /import: at once (stored and applied as the body streams in, the room's
// clock held at its latest event) or for a replay (validated into a spool on disk, then played at a speed).
import type { RoomRuntime } from '../rooms/room-runtime.ts';
import type { Services } from '../services.ts';
import { ReplaySource } from '../sources/replay-source.ts';
import type { SourceManager } from '../sources/source-manager.ts';
import { EventSpool } from './event-spool.ts';
import {
  type ImportFormat,
  type ImportLimits,
  type ImportSink,
  type ImportTally,
  importStream,
} from './import-stream.ts';

export type { ImportFormat };

export async function importAtOnce(
  services: Services,
  runtime: RoomRuntime,
  body: AsyncIterable<Buffer>,
  format: ImportFormat,
  limits: ImportLimits,
): Promise<ImportTally> {
  // Validated by the import as it read them: the pipeline does not validate them again.
  const sink: ImportSink = (events) => services.pipeline.ingestValidated(runtime, events);
  // Held at the latest applied event: ticks between chunks must not jump the clock to today.
  runtime.holdClock = true;
  let tally: ImportTally;
  try {
    tally = await importStream(body, format, () => services.clock.now(), sink, limits);
    if (tally.accepted > 0) runtime.settleImport();
  } finally {
    runtime.holdClock = false;
    await services.writer.flush();
  }
  return tally;
}

/** Spools the valid events and attaches their replay; `scheduled` is how many it will play. */
export async function importForReplay(
  services: Services,
  sources: SourceManager,
  runtime: RoomRuntime,
  body: AsyncIterable<Buffer>,
  format: ImportFormat,
  speed: number,
  limits: ImportLimits,
): Promise<ImportTally & { scheduled: number }> {
  const spool = await EventSpool.create();
  const sink: ImportSink = async (events) => {
    await spool.write(events);
    return { accepted: 0, duplicates: 0 };
  };
  let tally: ImportTally;
  try {
    tally = await importStream(body, format, () => services.clock.now(), sink, limits);
  } catch (err) {
    await spool.discard();
    throw err;
  }
  const cursor = await spool.finish();
  if (tally.from === null || tally.to === null) await cursor.close();
  else {
    const span = { first: tally.from, last: tally.to };
    const source = new ReplaySource(cursor, span, speed, services.clock, () => void sources.detach(runtime, source));
    await sources.attach(runtime, source);
  }
  return { ...tally, scheduled: tally.total - tally.rejectedCount };
}
