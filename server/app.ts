// Builds the whole application and never listens: the entry (main.ts) listens, tests build and inject.
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { LIVE_NAMESPACE } from '../shared/protocol.ts';
import { type Clock, systemClock, type Timers } from './clock.ts';

import { clusterHost } from './cluster/cluster-host.ts';
import { ClusterNode } from './cluster/cluster-node.ts';
import { forwardToOwner, fromPeer, hopSecret } from './cluster/forward-http.ts';
import type { Config } from './config.ts';
import type { Tokenizer } from './engine/tokenizer-types.ts';
import { installErrorHandler } from './http/errors.ts';
import { JoinLinks } from './http/join-links.ts';
import { installJsonBodyGuard } from './http/json-body.ts';
import { installPermissions } from './http/permission-hook.ts';
import { allowFraming, installSecurity, requestSerializer } from './http/security.ts';
import { installValidation } from './http/validation.ts';
import { OutlookService } from './outlook/outlook-service.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { attachSocketIo, type IoServer, sendScreensAway } from './plugins/socket-io.ts';
import { registerLiveNamespace } from './realtime/live-namespace.ts';
import { seatEvictor } from './realtime/seat-evict.ts';
import { Ticker } from './realtime/ticker.ts';
import { RetentionSweeper } from './rooms/retention.ts';
import { RoomAdmin } from './rooms/room-admin.ts';
import { adminRoomRoutes } from './routes/admin-rooms.ts';
import { alertRuleRoutes } from './routes/alert-rules.ts';
import { clusterRoutes } from './routes/cluster.ts';
import { effectRoutes } from './routes/effects.ts';
import { eventRoutes } from './routes/events.ts';
import { healthRoutes, type Lifecycle } from './routes/health.ts';
import { importRoutes } from './routes/import.ts';
import { roomRoutes } from './routes/rooms.ts';
import { ErrorSchema } from './routes/schemas.ts';
import { seatSessionRoutes } from './routes/seat-session.ts';
import { sessionCohortRoutes } from './routes/session-cohorts.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { sourceRoutes } from './routes/sources.ts';
import { targetRoutes } from './routes/targets.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { createServices, type Services } from './services.ts';
import { RoomSources } from './sources/room-sources.ts';
import { SourceManager } from './sources/source-manager.ts';
import { openStorage } from './storage/open-storage.ts';
import type { Storage } from './storage/ports.ts';

export interface AppDeps {
  config: Config;
  clock?: Clock;
  createTokenizer: () => Tokenizer;
  /** Serve the built client from this folder (default dist/client when it exists). */
  clientDir?: string | null;
  /** Where the log goes (tests read it); stdout by default. */
  logStream?: NodeJS.WritableStream;
  /** Start delivering to screens (tests with a virtual clock drive ticks themselves, or pass `timers`). */
  autoTick?: boolean;
  /** The storage backend, or how to open it (default: the one the config names). The app closes it. */
  storage?: Storage | (() => Promise<Storage>);
  /** What deliveries are scheduled with (default the system's); tests run them as they move a fake clock. */
  timers?: Timers;
}

export interface App {
  app: FastifyInstance;
  io: IoServer;
  services: Services;
  ticker: Ticker;
  sources: SourceManager;
  roomSources: RoomSources;
  /** main.ts marks the shutdown here (readiness turns 503) before closing. */
  lifecycle: Lifecycle;
  /** Removes sessions older than RETENTION_DAYS at start and hourly. */
  retention: RetentionSweeper;
  /** One-time seat links (the start banner mints the demo room's). */
  joinLinks: JoinLinks;
  /** Today against the room's past: overlay, forecast, pacing, cohorts (server/outlook). */
  outlook: OutlookService;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** Shown in the OpenAPI document; the package's version. */
const APP_VERSION = '0.1.0';

export async function buildApp(deps: AppDeps): Promise<App> {
  const storage =
    typeof deps.storage === 'function' ? await deps.storage() : (deps.storage ?? (await openStorage(deps.config)));
  const services = createServices(deps.config, deps.clock ?? systemClock, storage, deps.createTokenizer);
  const app = Fastify({
    logger: {
      level: deps.config.logLevel,
      serializers: { req: requestSerializer },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();
  installValidation(app);
  installErrorHandler(app);
  installJsonBodyGuard(app);
  installPermissions(app, { rooms: services.rooms, adminToken: deps.config.adminToken });
  const hop = hopSecret(deps.config.adminToken);
  const peer = deps.config.cluster ? (req: FastifyRequest) => fromPeer(req, hop) : undefined;
  await installSecurity(app, services.authFailures, () => services.clock.now(), peer);
  // onClose hooks run last-added first: this one (added before socket.io's) quits the cluster's Redis links
  // only after socket.io has closed over them.
  let clusterLinks: ClusterNode | null = null;
  app.addHook('onClose', async () => {
    await clusterLinks?.close();
  });
  const io = attachSocketIo(app);
  const ticker = new Ticker(io, services, Math.round(1000 / deps.config.tickHz), app.log, deps.timers);
  const sources = new SourceManager(services);
  const roomSources = new RoomSources(services, sources);
  services.listeners.add(ticker.listener);
  registerLiveNamespace(io, services, ticker, app.log);
  const outlook = new OutlookService(services, io, (err) => app.log.error({ err }, 'outlook failed'));
  services.listeners.add(outlook.listener);
  const roomAdmin = new RoomAdmin(services, sources, roomSources, seatEvictor(io));

  await registerOpenApi(app, APP_VERSION);
  const lifecycle: Lifecycle = { shuttingDown: false };
  // Clustered, routes that need the room's engine run where the room runs (the hook goes before the routes);
  // the ownership rounds start once every route is there.
  const cluster = deps.config.cluster ? joinCluster(io, services, sources, roomSources, ticker, app) : null;
  clusterLinks = cluster;
  if (cluster) forwardToOwner(app, cluster, hop, async (id) => (await services.rooms.get(id)) !== null);
  await app.register(healthRoutes, { services, lifecycle });
  const joinLinks = new JoinLinks(deps.config.adminToken);
  await app.register(seatSessionRoutes, { services, joinLinks });
  await app.register(roomRoutes, { services });
  await app.register(adminRoomRoutes, { services, admin: roomAdmin, joinLinks });
  await app.register(eventRoutes, { services });
  await app.register(importRoutes, { services, sources });
  await app.register(sourceRoutes, { services, roomSources });
  await app.register(webhookRoutes, { services, sources });
  await app.register(alertRuleRoutes, { services, io });
  await app.register(sessionRoutes, { services });
  await app.register(targetRoutes, { services, outlook });
  await app.register(sessionCohortRoutes, { services });
  await app.register(effectRoutes, { services });
  await app.register(clusterRoutes, { services });
  const clientDir = deps.clientDir === undefined ? path.resolve(here, '../dist/client') : deps.clientDir;
  if (clientDir) await serveClient(app, clientDir, services, joinLinks);

  cluster?.start(io.of(LIVE_NAMESPACE));
  // Every stored source starts again: a restart must not leave a live room silent until someone re-sets it.
  // Clustered, a room's sources start where the room is taken (cluster-host.ts).
  if (!cluster) await roomSources.restoreAll((msg) => app.log.warn(msg));
  if (deps.autoTick !== false) ticker.start();
  const retention = new RetentionSweeper(services, deps.config.retentionDays, (msg) => app.log.info(msg));
  retention.start();
  app.addHook('preClose', async () => {
    // Clustered: hand every room over first (checkpointed), so the next owners start within one round and
    // their snapshots reach the screens elsewhere; then this instance's screens go, to reconnect elsewhere.
    await cluster?.drain();
    sendScreensAway(io);
  });
  app.addHook('onClose', async () => {
    retention.stop();
    ticker.stop();
    await sources.stopAll();
    await services.registry.flushCheckpoints();
    await services.storage.close();
  });
  return { app, io, services, ticker, sources, roomSources, lifecycle, retention, joinLinks, outlook };
}

/** REDIS_URL: rooms split between the instances sharing the store (server/cluster/). */
function joinCluster(
  io: IoServer,
  services: Services,
  sources: SourceManager,
  roomSources: RoomSources,
  ticker: Ticker,
  app: FastifyInstance,
): ClusterNode {
  const host = clusterHost(services, sources, roomSources, ticker, (msg) => app.log.warn(msg));
  const cluster = new ClusterNode(io, services.config.cluster!, host, hopSecret(services.config.adminToken));
  const { registry } = services;
  registry.clustered = true;
  registry.mayAct = (roomId) => cluster.runs(roomId);
  // Never unfenced: with no lease held (lost meanwhile), 0, which any fence raised by a new owner refuses.
  registry.fenceOf = (roomId) => cluster.leases.heldToken(roomId) ?? 0;
  services.cluster = cluster;
  services.pipeline.appended = (roomId) => {
    const rt = registry.loaded(roomId);
    if (rt && cluster.runs(roomId)) void registry.catchUp(rt);
    else cluster.notifyAppended(roomId);
  };
  // Other instances forward requests for the rooms this one runs to the address it listens on.
  app.addHook('onListen', async () => {
    const addr = app.server.address();
    if (addr === null || typeof addr === 'string') return;
    const name = addr.address === '0.0.0.0' || addr.address === '::' ? hostname() : addr.address;
    const url =
      services.config.cluster!.advertiseUrl ?? `http://${name.includes(':') ? `[${name}]` : name}:${addr.port}`;
    cluster.advertise(url);
  });
  return cluster;
}

async function serveClient(
  app: FastifyInstance,
  root: string,
  services: Services,
  joinLinks: JoinLinks,
): Promise<void> {
  const fs = await import('node:fs');
  if (!fs.existsSync(path.join(root, 'index.html'))) return;
  // Only the host's prompter may be framed (an OBS dock); every other screen refuses frames (clickjacking).
  app.addHook('onSend', async (req, reply, payload) => {
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    // The page a seat link opens is never stored: no copy of it (or of its address) in the HTTP cache.
    reply.header('cache-control', 'no-store');
    const q = req.query as { seat?: unknown; token?: unknown; join?: unknown; room?: unknown };
    const token = typeof q.token === 'string' ? await services.rooms.resolveToken(q.token) : null;
    const join = typeof q.join === 'string' && typeof q.room === 'string' ? joinLinks.peek(q.room, q.join) : null;
    if (q.seat === 'host' || token?.role === 'host' || join?.s === 'host') allowFraming(reply);
    return payload;
  });
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false });
  // Screens are client-side routes (/screen, /prompter …): any non-API GET gets the app shell.
  const shell = { response: { 200: Type.String({ description: 'index.html' }), 404: ErrorSchema } };
  app.get('/*', { schema: shell }, (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.status(404).send({ statusCode: 404, code: 'not_found', message: `no route GET ${req.url}` });
    }
    return reply.sendFile('index.html');
  });
}
