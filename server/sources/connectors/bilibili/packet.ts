// The Bilibili live danmaku packet: a 16-byte big-endian header (packet length u32, header length u16,
// protocol version u16, operation u32, sequence u32) and a body. Version 0 bodies are JSON, 1 a u32
// (popularity), 2 zlib and 3 brotli bodies that hold further packets. Our own decoder, linear and bounded:
// a length that points outside the frame, a bomb, or bad JSON is counted as garbage and never throws.
import { brotliCompressSync, brotliDecompressSync, deflateSync, inflateSync } from 'node:zlib';

export const HEADER_BYTES = 16;
export const OP = { heartbeat: 2, heartbeatReply: 3, message: 5, auth: 7, authReply: 8 } as const;
export const VER = { json: 0, int: 1, zlib: 2, brotli: 3 } as const;
/** A compressed body larger than this once inflated is refused: no frame from a chat server is that big. */
const MAX_INFLATED_BYTES = 8 * 1024 * 1024;

export type Packet =
  | { op: typeof OP.heartbeatReply; popularity: number }
  | { op: typeof OP.authReply; code: number }
  | { op: typeof OP.message; body: unknown };

export interface Decoded {
  packets: Packet[];
  /** Parts of the frame that could not be decoded (reasons, for the source's health). */
  garbage: string[];
}

export function decodeFrame(frame: Uint8Array): Decoded {
  const out: Decoded = { packets: [], garbage: [] };
  decodeInto(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), out, 0);
  return out;
}

function decodeInto(buf: Buffer, out: Decoded, depth: number): void {
  let at = 0;
  while (at < buf.length) {
    if (buf.length - at < HEADER_BYTES) return void out.garbage.push('truncated header');
    const len = buf.readUInt32BE(at);
    const headLen = buf.readUInt16BE(at + 4);
    if (headLen < HEADER_BYTES || len < headLen || at + len > buf.length)
      return void out.garbage.push(`bad packet length ${len}`);
    const ver = buf.readUInt16BE(at + 6);
    const op = buf.readUInt32BE(at + 8);
    decodeOne(buf.subarray(at + headLen, at + len), ver, op, out, depth);
    at += len;
  }
}

function decodeOne(body: Buffer, ver: number, op: number, out: Decoded, depth: number): void {
  if (ver === VER.zlib || ver === VER.brotli) {
    // A compressed body holds whole packets; nesting deeper than one level is not the protocol.
    if (depth > 0) return void out.garbage.push('nested compression');
    const opts = { maxOutputLength: MAX_INFLATED_BYTES };
    try {
      const inner = ver === VER.zlib ? inflateSync(body, opts) : brotliDecompressSync(body, opts);
      decodeInto(inner, out, depth + 1);
    } catch {
      out.garbage.push(ver === VER.zlib ? 'bad zlib body' : 'bad brotli body');
    }
    return;
  }
  if (op === OP.heartbeatReply) {
    if (body.length >= 4) out.packets.push({ op, popularity: body.readUInt32BE(0) });
    else out.garbage.push('short heartbeat reply');
    return;
  }
  if (op !== OP.message && op !== OP.authReply) return; // other operations carry nothing we use
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return void out.garbage.push('bad JSON body');
  }
  if (op === OP.message) out.packets.push({ op, body: json });
  else out.packets.push({ op, code: Number((json as { code?: unknown } | null)?.code ?? 0) });
}

/** One packet; used by the local protocol server in tests and the bench, and to test the decoder. */
export function encodePacket(op: number, body: Buffer | string | object, ver: number = VER.json): Buffer {
  const payload = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const head = Buffer.alloc(HEADER_BYTES);
  head.writeUInt32BE(HEADER_BYTES + payload.length, 0);
  head.writeUInt16BE(HEADER_BYTES, 4);
  head.writeUInt16BE(ver, 6);
  head.writeUInt32BE(op, 8);
  head.writeUInt32BE(1, 12);
  return Buffer.concat([head, payload]);
}

/** Several messages in one compressed packet, as the server sends a busy room's messages. */
export function encodeMessages(messages: object[], ver: typeof VER.zlib | typeof VER.brotli | typeof VER.json): Buffer {
  const plain = Buffer.concat(messages.map((m) => encodePacket(OP.message, m)));
  if (ver === VER.json) return plain;
  const packed = ver === VER.zlib ? deflateSync(plain) : brotliCompressSync(plain);
  return encodePacket(OP.message, packed, ver);
}
