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
