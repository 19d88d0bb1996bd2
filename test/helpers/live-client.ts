// Real socket.io clients for the /live namespace, with helpers that wait on events (no sleeps).
import { io, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, LIVE_NAMESPACE, type ServerToClientEvents } from '../../shared/protocol.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectLive(url: string, roomId: string, token: string): LiveSocket {
  return io(`${url}${LIVE_NAMESPACE}`, {
    auth: { token, roomId },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
}

export function once<E extends keyof ServerToClientEvents>(
  socket: LiveSocket,
  event: E,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
    // biome-ignore lint/suspicious/noExplicitAny: socket.io's typed listener signature is per event
    (socket as any).once(event, (msg: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(msg);
    });
  });
}

/** Wait for the first message of `event` satisfying `pred`. */
export function waitFor<E extends keyof ServerToClientEvents>(
  socket: LiveSocket,
  event: E,
  pred: (msg: Parameters<ServerToClientEvents[E]>[0]) => boolean,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const s = socket as any;
    const handler = (msg: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!pred(msg)) return;
      clearTimeout(timer);
      s.off(event, handler);
      resolve(msg);
    };
    const timer = setTimeout(() => {
      s.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    s.on(event, handler);
  });
}

export function connectError(socket: LiveSocket, timeoutMs = 5000): Promise<{ message: string; data?: unknown }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for connect_error')), timeoutMs);
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      resolve(err as { message: string; data?: unknown });
    });
  });
}
