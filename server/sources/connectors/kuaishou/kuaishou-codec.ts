// Kuaishou's web live-chat protocol (wss://livejs-ws.kuaishou.cn/websocket): every frame is a protobuf
// SocketMessage { payloadType 1, compressionType 2 (1 none, 2 gzip, 3 AES), payload 3 }. The client enters
// with CSWebEnterRoom { token 1, liveStreamId 2, pageId 7 } and beats every 20 s with CSWebHeartbeat
// { timestamp 1 }. Field numbers and payload types as OrdinaryRoad-Project/ordinaryroad-live-chat-client
// (a maintained open client) declares them in its Kuaishou codec's .proto files.
import { gunzipSync, gzipSync } from 'node:zlib';
import { PbFields, writePb } from '../pb-fields.ts';

export const KS = {
  heartbeat: 1,
  enterRoom: 200,
  heartbeatAck: 101,
  error: 103,
  enterRoomAck: 300,
  authorPause: 301,
  authorResume: 302,
  feedPush: 310,
  watchingList: 340,
} as const;

const COMPRESSION = { none: 1, gzip: 2, aes: 3 } as const;
/** A gzip payload larger than this once inflated is refused. */
const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

export interface SocketMessage {
  type: number;
  payload: PbFields;
}

/** One frame; null when it is not a SocketMessage we can read (AES payloads included: their key is not ours). */
export function decodeSocketMessage(frame: Uint8Array): SocketMessage | null {
  try {
    const m = PbFields.read(frame);
    const type = m.int(1) ?? 0;
    const compression = m.int(2) ?? COMPRESSION.none;
    const raw = m.bytes(3) ?? new Uint8Array();
    if (compression === COMPRESSION.aes) return null;
    const bytes = compression === COMPRESSION.gzip ? gunzipSync(raw, { maxOutputLength: MAX_INFLATED_BYTES }) : raw;
    return { type, payload: PbFields.read(bytes) };
  } catch {
    return null;
  }
}

export function encodeSocketMessage(type: number, payload: Uint8Array, gzip = false): Uint8Array {
  return writePb({ 1: type, 2: gzip ? COMPRESSION.gzip : COMPRESSION.none, 3: gzip ? gzipSync(payload) : payload });
}

export function enterRoom(token: string, liveStreamId: string, pageId: string): Uint8Array {
  return encodeSocketMessage(KS.enterRoom, writePb({ 1: token, 2: liveStreamId, 7: pageId }));
}

export function heartbeat(ts: number): Uint8Array {
  return encodeSocketMessage(KS.heartbeat, writePb({ 1: ts }));
}
