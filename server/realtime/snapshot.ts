import type { Cue } from '../../shared/cues.ts';
import { PATCH_FORMAT } from '../../shared/patch.ts';
import { PROTOCOL_VERSION, type Seat, type SnapshotMessage } from '../../shared/protocol.ts';
import type { RoomState } from '../../shared/state.ts';
import type { RoomRuntime } from '../rooms/room-runtime.ts';

export { roomChannel } from './seat-channels.ts';

/** `state` is what the room's screens hold now (Ticker.screenState), so the patches that follow apply to it. */
export function buildSnapshot(
  runtime: RoomRuntime,
  seat: Seat,
  state: RoomState,
  tickIntervalMs: number,
): SnapshotMessage {
  return {
    protocol: PROTOCOL_VERSION,
    patchFormat: PATCH_FORMAT,
    seat,
    tickIntervalMs,
    state,
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
