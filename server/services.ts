// The composition root: every long-lived part of the server, built once and handed to routes and handlers.
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Tokenizer } from './engine/tokenizer-types.ts';
import { IngestPipeline } from './ingest/pipeline.ts';
import { createMetrics, type Metrics } from './plugins/metrics.ts';
import { RoomRegistry } from './rooms/room-registry.ts';
import type { RoomRuntime } from './rooms/room-runtime.ts';
import { type Db, openDatabase } from './storage/db.ts';
import { RoomsRepo } from './storage/rooms-repo.ts';
import { TimelineReader } from './storage/timeline-reader.ts';
import { TimelineWriter } from './storage/timeline-writer.ts';

export interface Services {
  config: Config;
  clock: Clock;
  db: Db;
  rooms: RoomsRepo;
  reader: TimelineReader;
  writer: TimelineWriter;
  registry: RoomRegistry;
  pipeline: IngestPipeline;
  metrics: Metrics;
  /** Push events through the pipeline as an in-process source would. */
  runtime(roomId: string): RoomRuntime | null;
}

export function createServices(config: Config, clock: Clock, createTokenizer: () => Tokenizer): Services {
  const db = openDatabase(config.dataDir);
  const rooms = new RoomsRepo(db);
  const reader = new TimelineReader(db);
  const writer = new TimelineWriter(db);
  const metrics = createMetrics();
  const registry = new RoomRegistry({ rooms, reader, states: writer, createTokenizer });
  const pipeline = new IngestPipeline(writer, clock, {
    accepted: (room, n) => metrics.eventsAccepted.inc({ room }, n),
    rejected: (room, code) => metrics.eventsRejected.inc({ room, code }),
  });
  return {
    config,
    clock,
    db,
    rooms,
    reader,
    writer,
    registry,
    pipeline,
    metrics,
    runtime: (id) => registry.get(id),
  };
}
