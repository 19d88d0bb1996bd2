// Closing the screens of a seat (token rotated or revoked) or of a whole room (deleted): each is told why,
// then disconnected by the server, so socket.io does not reconnect it with the dead link. Goes through the
// socket.io rooms (io.in(channel)), so it reaches every instance behind an adapter.
import { LIVE_NAMESPACE, SEATS, type Seat, type SeatClosedMessage } from '../../shared/protocol.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import { roomChannel, seatChannel } from './seat-channels.ts';

/** `seat` null: every screen of the room. A seat that opens no screen (ingest) has none to close. */
export type SeatEvictor = (roomId: string, seat: string | null, notice: SeatClosedMessage) => void;

export function seatEvictor(io: IoServer): SeatEvictor {
  return (roomId, seat, notice) => {
    if (seat !== null && !(SEATS as readonly string[]).includes(seat)) return;
    const channel = seat === null ? roomChannel(roomId) : seatChannel(roomId, seat as Seat);
    const nsp = io.of(LIVE_NAMESPACE);
    nsp.to(channel).emit('seat:closed', notice);
    nsp.in(channel).disconnectSockets(true);
  };
}
