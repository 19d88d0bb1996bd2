// Our own small socket.io plugin for Fastify 5: the io server shares Fastify's HTTP server and closes with it.
import type { FastifyInstance } from 'fastify';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol.ts';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function attachSocketIo(app: FastifyInstance, opts: Partial<ServerOptions> = {}): IoServer {
  const io: IoServer = new Server(app.server, { serveClient: false, ...opts });
  app.addHook('onClose', async () => {
    io.disconnectSockets(true);
    await io.close();
  });
  return io;
}

/**
 * Sends this instance's screens away (they reconnect, elsewhere behind a load balancer), before the HTTP server
 * closes: it waits for every open connection, and a screen's websocket never ends by itself, so a SIGTERM with
 * one screen open hung until the shutdown grace cut it (10 s, exit 1, nothing drained or flushed).
 * `local`: with the Redis adapter a plain disconnectSockets() would disconnect every instance's screens.
 */
/** How soon a drained screen should try again: a restart here or a hand-over elsewhere takes about this long. */
export const DRAIN_RETRY_MS = 1_000;

export function sendScreensAway(io: IoServer): void {
  for (const nsp of io._nsps.values()) {
    // Told first (same connection, so it arrives before the close): the screens come back by themselves.
    nsp.local.emit('server:draining', { retryInMs: DRAIN_RETRY_MS });
    nsp.local.disconnectSockets(true);
  }
  io.engine.close();
}
