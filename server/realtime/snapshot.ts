import type { Cue } from '../../shared/cues.ts';
import { PROTOCOL_VERSION, type Seat, type SnapshotMessage } from '../../shared/protocol.ts';
import type { RoomRuntime } from '../rooms/room-runtime.ts';

export { roomChannel } from './seat-channels.ts';

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
    alerts: runtime.alerts.active(),
    cues: mergeCues(runtime.cues.open(), runtime.cues.recent()),
    rules: runtime.alerts.rules,
  };
}

function mergeCues(open: Cue[], recent: Cue[]): Cue[] {
  const ids = new Set(open.map((c) => c.id));
  return [...open, ...recent.filter((c) => !ids.has(c.id))];
}
