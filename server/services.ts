// The composition root: every long-lived part of the server, built once and handed to routes and handlers.
// Storage comes in as ports (server/storage/ports.ts); nothing here knows which backend is behind them.

import type { Clock } from './clock.ts';
import type { ForwardedRequest, Tenure } from './cluster/cluster-node.ts';
import type { Config } from './config.ts';
import type { Tokenizer } from './engine/tokenizer-types.ts';
import { AuthFailures } from './http/auth-failures.ts';
import { IngestPipeline } from './ingest/pipeline.ts';
import { createMetrics, type Metrics } from './plugins/metrics.ts';
import { type LiveSessions, liveSessions } from './replay/live-session.ts';
import { journalListener, RoomListeners } from './rooms/room-listeners.ts';
import { RoomRegistry } from './rooms/room-registry.ts';
import type { RoomRuntime } from './rooms/room-runtime.ts';
import { OutboundPolicy } from './sources/outbound-policy.ts';
import type { JournalStore, RoomStore, Storage, TimelineReader, TimelineWriter } from './storage/ports.ts';

export interface Services {
  config: Config;
  clock: Clock;
  /** The backend; its ports are also below by name. */
  storage: Storage;
  rooms: RoomStore;
  reader: TimelineReader;
  writer: TimelineWriter;
  journal: JournalStore;
  registry: RoomRegistry;
  pipeline: IngestPipeline;
  metrics: Metrics;
  /** Where alert and cue changes go: the journal always, the socket broadcaster once io exists. */
  listeners: RoomListeners;
  /** Failed authentications per address (HTTP and socket handshakes share it). */
  authFailures: AuthFailures;
  /** Where sources may connect (SOURCE_ALLOW); every outbound URL goes through it. */
  outbound: OutboundPolicy;
  /** Clustered mode: asks the instance that runs a room (null: one process runs every room). */
  cluster: ClusterLink | null;
  /** The room's loaded runtime (loaded and rebuilt from the timeline on first use), or null for no such room. */
  runtime(roomId: string): Promise<RoomRuntime | null>;
  /** The current session of a room loaded here, as its engine has it (the session figures read it). */
  liveSessions: LiveSessions;
}

/** What handlers need of the cluster: forward a request to the room's owner (null when none answers). */
export interface ClusterLink {
  ask(req: ForwardedRequest): Promise<unknown | null>;
  /** This instance's answer to another's ask (POST /api/cluster/ask). */
  answer(req: ForwardedRequest): Promise<unknown | null>;
  /** Where this instance runs rooms now, and ran them before (GET /api/cluster). */
  status(): { instanceId: string; rooms: Tenure[]; past: Tenure[] };
}

export function createServices(
  config: Config,
  clock: Clock,
  storage: Storage,
  createTokenizer: () => Tokenizer,
): Services {
  const { rooms, reader, writer, journal } = storage;
  const metrics = createMetrics();
  const listeners = new RoomListeners();
  // Clustered, alert and cue entries carry the room's lease token (registry.fenceOf, set by the cluster).
  listeners.add(journalListener(journal, undefined, (roomId) => registry.fenceOf(roomId)));
  const registry = new RoomRegistry({
    rooms,
    reader,
    states: writer,
    checkpoints: storage.checkpoints,
    createTokenizer,
    listener: listeners,
    quarantine: storage.quarantine,
    now: () => clock.now(),
  });
  const pipeline = new IngestPipeline(writer, clock, {
    accepted: (room, n) => metrics.eventsAccepted.inc({ room }, n),
    rejected: (room, code) => metrics.eventsRejected.inc({ room, code }),
  });
  return {
    config,
    clock,
    storage,
    rooms,
    reader,
    writer,
    journal,
    registry,
    pipeline,
    metrics,
    listeners,
    outbound: new OutboundPolicy(config.sourceAllow),
    authFailures: new AuthFailures(),
    cluster: null,
    runtime: (id) => registry.load(id),
    liveSessions: liveSessions(
      (id) => registry.loaded(id),
      () => clock.now(),
    ),
  };
}
