// Room broadcasts written straight onto each screen's websocket. socket.io already encodes a broadcast once:
// its adapter builds the finished websocket frame (`wsPreEncodedFrame`). It then hands that frame to every
// socket's engine.io queue: a packet object, five events and a write callback per socket per update, which
// at 1,000 screens left socket.io at 0.62–0.67× the frames per CPU-second of a plain ws server writing the
// same frames (bench/fanout.ts; 0.88–0.93× with this). A screen whose engine.io queue is empty gets the finished frame written to its
// websocket at once instead: the same bytes engine.io would write, in the same order, since nothing of
// engine.io's waits ahead of it. Anything else (a packet queued, a polling or upgrading transport, a socket
// not open, compression, a volatile packet, a packet that is not one text frame) takes socket.io's own path.
// This reads engine.io 6.6 / ws 8 internals (Socket.writeBuffer, the transport's `socket`, Sender.sendFrame,
// the same call engine.io makes); both are pinned, and test/integration/direct-fanout.test.ts checks the path
// is taken, ordered and falls back.
import type { Socket } from 'socket.io';

interface WsSocket {
  readyState: number;
  _sender?: { sendFrame?: (frame: unknown, cb?: () => void) => void };
}

interface EngineTransport {
  name: string;
  perMessageDeflate?: unknown;
  socket?: WsSocket;
}

interface EngineConn {
  readyState: string;
  upgrading: boolean;
  writeBuffer: unknown[];
  transport: EngineTransport;
}

interface PacketOpts {
  volatile?: boolean;
  wsPreEncodedFrame?: unknown;
}

type WriteToEngine = (packets: unknown, opts: PacketOpts) => void;

const WS_OPEN = 1;
const installed = new WeakSet<object>();
let directFrames = 0;

/** Frames this process wrote by the direct path (tests read it to see which path a frame took). */
export const directFrameCount = () => directFrames;

/** The frame engine.io would write for this packet, if it can be written now without passing anything. */
function directFrame(conn: EngineConn, opts: PacketOpts): { ws: WsSocket; frame: unknown } | null {
  const frame = opts.wsPreEncodedFrame;
  if (frame === undefined || opts.volatile) return null;
  const t = conn.transport;
  if (conn.readyState !== 'open' || conn.upgrading || t.name !== 'websocket' || t.perMessageDeflate) return null;
  if (conn.writeBuffer.length !== 0) return null;
  const ws = t.socket;
  if (!ws || ws.readyState !== WS_OPEN || typeof ws._sender?.sendFrame !== 'function') return null;
  return { ws, frame };
}

/**
 * Routes this socket's broadcast frames through the direct path when they can go now. `sent` is told of
 * each frame written directly (the back-pressure watch counts them as engine.io's packets are counted).
 */
export function installDirectFanout(socket: Socket, sent: () => void): void {
  const client = socket.client as unknown as { conn: EngineConn; writeToEngine: WriteToEngine };
  if (installed.has(client)) return;
  installed.add(client);
  const viaEngine = client.writeToEngine.bind(client);
  client.writeToEngine = (packets, opts) => {
    const direct = directFrame(client.conn, opts);
    if (direct === null) return viaEngine(packets, opts);
    direct.ws._sender!.sendFrame!(direct.frame);
    directFrames++;
    sent();
  };
}
