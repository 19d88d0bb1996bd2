// What screens get at each update: the room state as a patch against the previous update. Slow parts (hot
// words, barrage lines, source health) are refreshed once per SLOW_PARTS_EVERY_MS: at 10,000 barrage/s they
// change at every update and would be most of the bytes, while the numbers a 场控 reacts to move at once.
// The state kept here is exactly what the screens hold, and what the timeline stores for replay.
import { diff, type PatchOp } from '../../shared/patch.ts';
import type { RoomState, SourceHealth } from '../../shared/state.ts';

export const SLOW_PARTS_EVERY_MS = 1000;
export const SLOW_FIELDS = ['hotWords', 'recentComments', 'source', 'sources'] as const satisfies (keyof RoomState)[];

export interface ScreenUpdate {
  /** What the screens show after this update. */
  state: RoomState;
  /** The patch from the previous update; null when there was none (nobody can hold an older state). */
  ops: PatchOp[] | null;
}

/** `slow`: refresh the slow parts too (else they stay as the screens hold them). */
export function screenUpdate(last: RoomState | null, fresh: RoomState, slow: boolean): ScreenUpdate {
  if (last === null) return { state: fresh, ops: null };
  // A health change shows at once, but the hot words stay as held: between refreshes the engine does not rank
  // them again (RoomEngine.state, slowParts: false), so they are only ever shown from a refresh.
  const state = slow ? fresh : keepSlowParts(fresh, last, healthChanged(last, fresh) ? ['hotWords'] : SLOW_FIELDS);
  return { state, ops: diff({ ...last, seq: state.seq }, state) };
}

/** A source going stale, failing or reconnecting is shown at once: staleness is never hidden. */
function healthChanged(last: RoomState, fresh: RoomState): boolean {
  const key = (h: SourceHealth) => `${h.id ?? ''}|${h.status}|${h.phase ?? ''}|${h.error ?? ''}`;
  const all = (s: RoomState) => [s.source, ...(s.sources ?? [])].map(key).join('\n');
  return all(last) !== all(fresh);
}

function keepSlowParts(fresh: RoomState, last: RoomState, fields: readonly (typeof SLOW_FIELDS)[number][]): RoomState {
  const state: Record<string, unknown> = { ...fresh };
  for (const f of fields) {
    if (last[f] === undefined) delete state[f];
    else state[f] = last[f];
  }
  return state as RoomState;
}
