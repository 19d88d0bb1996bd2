// Namespace /live: the handshake names a room and a seat token; the socket joins that room's channel and
// gets a full snapshot at once. Handlers only validate, delegate and answer.
import { LIVE_NAMESPACE, SEATS, type Seat } from '../../shared/protocol.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import type { Services } from '../services.ts';
import { socketBroadcaster } from './broadcaster.ts';
import { COMMANDS, runCommand } from './commands.ts';
import { roomChannel, seatChannel } from './seat-channels.ts';
import { buildSnapshot } from './snapshot.ts';

class HandshakeError extends Error {
  data: { code: string; message: string };
  constructor(code: string, message: string) {
    super(code);
    this.data = { code, message };
  }
}

function authenticate(services: Services, auth: unknown): { roomId: string; seat: Seat } {
  const { token, roomId } = (auth ?? {}) as { token?: unknown; roomId?: unknown };
  if (typeof token !== 'string' || typeof roomId !== 'string') {
    throw new HandshakeError('bad_handshake', 'auth must be { token, roomId } strings');
  }
  const resolved = services.rooms.resolveToken(token);
  if (!resolved) throw new HandshakeError('unauthorized', 'unknown token');
  if (resolved.roomId !== roomId) throw new HandshakeError('forbidden', 'this token belongs to another room');
  if (!(SEATS as string[]).includes(resolved.role)) {
    throw new HandshakeError('forbidden_seat', `the ${resolved.role} token opens no screen`);
  }
  return { roomId, seat: resolved.role as Seat };
}

export function registerLiveNamespace(io: IoServer, services: Services, tickIntervalMs: number) {
  const nsp = io.of(LIVE_NAMESPACE);
  services.listeners.add(socketBroadcaster(io));
  nsp.use((socket, next) => {
    try {
      socket.data = authenticate(services, socket.handshake.auth);
      next();
    } catch (err) {
      next(err as Error);
    }
  });
  nsp.on('connection', (socket) => {
    const { roomId, seat } = socket.data;
    const runtime = services.runtime(roomId);
    if (!runtime) return socket.disconnect(true);
    services.metrics.screens.inc({ seat });
    socket.on('disconnect', () => services.metrics.screens.dec({ seat }));
    void socket.join([roomChannel(roomId), seatChannel(roomId, seat)]);
    socket.emit('room:snapshot', buildSnapshot(runtime, seat, services.clock.now(), tickIntervalMs));
    socket.on('room:resync', (_payload, ack) => {
      if (typeof ack !== 'function') return;
      ack({ ok: true, data: buildSnapshot(runtime, seat, services.clock.now(), tickIntervalMs) });
    });
    for (const name of COMMANDS) {
      // biome-ignore lint/suspicious/noExplicitAny: one generic handler for every command; each validates its payload
      socket.on(name, (payload: unknown, ack: any) => {
        if (typeof ack !== 'function') return; // commands are always acknowledged; one without an ack is dropped
        ack(runCommand(name, payload, seat, runtime, services));
      });
    }
  });
  return nsp;
}
