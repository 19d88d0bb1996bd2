// The one typed socket of a screen.
import { io, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, LIVE_NAMESPACE, type ServerToClientEvents } from '../../../shared/protocol.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function createLiveSocket(roomId: string, token: string): LiveSocket {
  return io(LIVE_NAMESPACE, { auth: { token, roomId }, transports: ['websocket', 'polling'] });
}
