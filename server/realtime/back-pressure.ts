// A socket that stops reading (a frozen tab, a hostile client) must not make the server buffer its output
// without bound: once its unsent output passes MAX_SOCKET_BUFFER_BYTES it is dropped. Checked on every packet
// queued for it, whichever code sends it.
import type { Socket } from 'socket.io';
import { MAX_SOCKET_BUFFER_BYTES } from '../../shared/constants.ts';

interface Packet {
  data?: unknown;
}

function packetBytes(p: Packet): number {
  const d = p.data;
  if (typeof d === 'string') return d.length * 2; // UTF-16 in memory: an upper bound of its UTF-8 size
  if (d && typeof d === 'object' && 'byteLength' in d) return (d as { byteLength: number }).byteLength;
  return 0;
}

/** Bytes the server holds for this socket: engine.io's queue plus what the websocket has not yet written. */
export function bufferedBytes(socket: Socket): number {
  const conn = socket.conn as unknown as { writeBuffer: Packet[]; transport: { socket?: { bufferedAmount?: number } } };
  let total = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const p of conn.writeBuffer) total += packetBytes(p);
  return total;
}

/**
 * Watches the socket's unsent output; returns the count-a-packet hook for packets that bypass engine.io's
 * queue (direct-fanout.ts), so every packet queued for it counts, whichever path it takes.
 */
export function watchBackPressure(
  socket: Socket,
  onDrop: (bytes: number) => void,
  max = MAX_SOCKET_BUFFER_BYTES,
): () => void {
  let dropped = false;
  let queued = 0;
  const note = () => {
    // Summing the queue costs its length: only look when packets pile up (a reading socket has few queued).
    if (dropped || ++queued % 8 !== 0) return;
    const bytes = bufferedBytes(socket);
    if (bytes <= max) return;
    dropped = true;
    onDrop(bytes);
    const ws = (socket.conn.transport as unknown as { socket?: { terminate?: () => void } }).socket;
    // A graceful close would wait for the buffer to drain, which never happens: cut the connection.
    if (ws?.terminate) ws.terminate();
    else socket.conn.close(true);
  };
  socket.conn.on('packetCreate', note);
  return note;
}
