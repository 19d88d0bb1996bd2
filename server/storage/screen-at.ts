// Which stored state a screen showed at event time `ts`, from the rows each backend reads: the same rule for
// every backend, so replay answers alike on SQLite and PostgreSQL. Updates are stored as the screens got them
// (tick frames: a keyframe now and then, patches between); a moment is rebuilt from its keyframe onwards.
import { applyPatch, type PatchOp } from '../../shared/patch.ts';
import type { ScreenState, StoredState, TickFrame } from './ports.ts';

/** Ticks come several times a second of wall time; even at 60x replay speed with a stalled event loop they are
 * well under this apart in event time. A longer gap means no screen was live there (an import). */
export const TICK_GAP_MS = 120_000;

/** What each backend answers about its stored frames and per-second states. */
export interface FrameQueries {
  /** The latest frame at or before `ts` (the last in (ts, seq) order). */
  frameAt(roomId: string, ts: number): Promise<{ ts: number; seq: number } | null>;
  /** The time of the first frame after `ts`. */
  frameAfter(roomId: string, ts: number): Promise<number | null>;
  /** The frames from the latest keyframe at or before (ts, seq) through (ts, seq), in (ts, seq) order. */
  framesThrough(roomId: string, ts: number, seq: number): Promise<TickFrame[]>;
  stateAt(roomId: string, sec: number): Promise<StoredState | null>;
}

/** The screen at `ts`: while the ticker ran around it, the last update; else the per-second state. */
export async function screenAt(q: FrameQueries, roomId: string, ts: number): Promise<ScreenState | null> {
  const at = Math.floor(ts);
  const tick = await q.frameAt(roomId, at);
  const nextTs = tick ? await q.frameAfter(roomId, tick.ts) : null;
  const live = tick !== null && (nextTs ?? at) - tick.ts <= TICK_GAP_MS;
  const sec = live ? null : await q.stateAt(roomId, Math.floor(at / 1000) - 1);
  const secTs = sec ? sec.sec * 1000 + 999 : null;
  if (sec && secTs !== null && (!tick || secTs > tick.ts)) return { ts: secTs, body: sec.body };
  if (!tick) return null;
  const body = replayFrames(await q.framesThrough(roomId, tick.ts, tick.seq));
  if (body !== null) return { ts: tick.ts, body };
  // A chain cut (its keyframe pruned away by retention): the latest per-second state is the next best.
  const fallback = await q.stateAt(roomId, Math.floor(at / 1000) - 1);
  return fallback ? { ts: fallback.sec * 1000 + 999, body: fallback.body } : null;
}

/**
 * The state the frames end in: the keyframe with each patch applied in order, as JSON text; null when the
 * rows do not make one unbroken chain (no keyframe first, or a patch whose base is not the state before it).
 */
export function replayFrames(frames: readonly TickFrame[]): string | null {
  const [key, ...patches] = frames;
  if (!key || key.base !== null) return null;
  if (patches.length === 0) return key.body;
  let state = JSON.parse(key.body) as unknown;
  let seq = key.seq;
  for (const f of patches) {
    if (f.base !== seq) return null;
    try {
      state = applyPatch(state, JSON.parse(f.body) as PatchOp[], { seq: f.seq });
    } catch {
      return null;
    }
    seq = f.seq;
  }
  return JSON.stringify(state);
}
