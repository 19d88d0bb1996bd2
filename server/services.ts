// The composition root: every long-lived part of the server, built once and handed to routes and handlers.
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Tokenizer } from './engine/tokenizer-types.ts';
import { AuthFailures } from './http/auth-failures.ts';
import { IngestPipeline } from './ingest/pipeline.ts';
import { createMetrics, type Metrics } from './plugins/metrics.ts';
import { journalListener, RoomListeners } from './rooms/room-listeners.ts';
import { RoomRegistry } from './rooms/room-registry.ts';
import type { RoomRuntime } from './rooms/room-runtime.ts';
import { OutboundPolicy } from './sources/outbound-policy.ts';
import { CheckpointsRepo } from './storage/checkpoints-repo.ts';
import { type Db, openDatabase } from './storage/db.ts';
import { JournalRepo } from './storage/journal-repo.ts';
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
  journal: JournalRepo;
  /** Where alert and cue changes go: the journal always, the socket broadcaster once io exists. */
  listeners: RoomListeners;
  /** Failed authentications per address (HTTP and socket handshakes share it). */
  authFailures: AuthFailures;
  /** Where sources may connect (SOURCE_ALLOW); every outbound URL goes through it. */
  outbound: OutboundPolicy;
  /** Push events through the pipeline as an in-process source would. */
  runtime(roomId: string): RoomRuntime | null;
}

export function createServices(config: Config, clock: Clock, createTokenizer: () => Tokenizer): Services {
  const db = openDatabase(config.dataDir);
  const rooms = new RoomsRepo(db);
  const reader = new TimelineReader(db);
  const writer = new TimelineWriter(db);
  const metrics = createMetrics();
  const journal = new JournalRepo(db);
  const listeners = new RoomListeners();
  listeners.add(journalListener(journal));
  const checkpoints = new CheckpointsRepo(db);
  const registry = new RoomRegistry({
    rooms,
    reader,
    states: writer,
    checkpoints,
    createTokenizer,
    listener: listeners,
  });
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
    journal,
    listeners,
    outbound: new OutboundPolicy(config.sourceAllow),
    authFailures: new AuthFailures(),
    runtime: (id) => registry.get(id),
  };
}
