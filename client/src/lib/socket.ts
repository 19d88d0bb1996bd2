// The one typed socket of a screen. It authenticates with the seat cookie the browser sends on the handshake;
// the auth payload only names the room and which of its seats this screen is. socket.io's own reconnection is
// off: it stops for good once the server closed the socket (a restart, a drain), so the bridge retries instead.
import { io, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, LIVE_NAMESPACE, type ServerToClientEvents } from '../../../shared/protocol.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function createLiveSocket(roomId: string, seat: string): LiveSocket {
  return io(LIVE_NAMESPACE, {
    auth: { roomId, seat },
    transports: ['websocket', 'polling'],
    withCredentials: true,
    reconnection: false,
  });
}
