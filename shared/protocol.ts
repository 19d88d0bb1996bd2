// The one catalogue of socket events on namespace /live. Names are `domain:action`: commands are
// imperatives sent by clients and always answered with an Ack; facts are sent by the server.
// Bump PROTOCOL_VERSION on any incompatible change; the client refuses a server with another version.
import type { RoomSnapshot, RoomState } from './state.ts';

export const PROTOCOL_VERSION = 1;
export const LIVE_NAMESPACE = '/live';

export type Seat = 'controller' | 'assistant' | 'host' | 'viewer';
export const SEATS: readonly Seat[] = ['controller', 'assistant', 'host', 'viewer'];

export interface ErrorBody {
  code: string;
  message: string;
}
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Handshake `auth` payload. */
export interface LiveAuth {
  token: string;
  roomId: string;
}

export interface SnapshotMessage extends RoomSnapshot {
  protocol: number;
  seat: Seat;
  tickIntervalMs: number;
}

export interface TickMessage {
  seq: number;
  state: RoomState;
}

export interface ServerToClientEvents {
  /** Full state and history, sent on join, on resync and periodically to heal missed ticks. */
  'room:snapshot': (msg: SnapshotMessage) => void;
  /** Sent at the room's fixed tick rate; `seq` grows by one per tick so a gap is detectable. */
  'room:tick': (msg: TickMessage) => void;
}

export interface ClientToServerEvents {
  /** Ask for a fresh snapshot after a seq gap or a silence. */
  'room:resync': (payload: Record<string, never>, ack: (res: Ack<SnapshotMessage>) => void) => void;
}

export interface SocketData {
  roomId: string;
  seat: Seat;
}
