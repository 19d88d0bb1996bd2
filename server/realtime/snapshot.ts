import { PROTOCOL_VERSION, type Seat, type SnapshotMessage } from '../../shared/protocol.ts';
import type { RoomRuntime } from '../rooms/room-runtime.ts';

export const roomChannel = (roomId: string) => `room:${roomId}`;

export function buildSnapshot(
  runtime: RoomRuntime,
  seat: Seat,
  wallNow: number,
  tickIntervalMs: number,
): SnapshotMessage {
  return {
    protocol: PROTOCOL_VERSION,
    seat,
    tickIntervalMs,
    state: runtime.state(wallNow),
    series: { online: runtime.engine.onlineSeries() },
  };
}
