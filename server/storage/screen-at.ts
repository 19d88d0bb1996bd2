// Which stored state a screen showed at event time `ts`, from the rows each backend reads: the same rule for
// every backend, so replay answers alike on SQLite and PostgreSQL. Updates are stored as the screens got them
// (tick frames: a keyframe now and then, patches between); a moment is rebuilt from its keyframe onwards.
import { replayChain } from './frame-chain.ts';
import type { ScreenState, StateFrame, StoredState, TickFrame } from './ports.ts';

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

/** The state tick frames end in, as JSON text; null unless they make one unbroken chain to the last. */
export function replayFrames(frames: readonly TickFrame[]): string | null {
  const r = replayChain(
    frames.map((f) => ({ id: f.seq, base: f.base, body: f.body })),
    (f) => ({ seq: f.id }),
  );
  return r && r.upTo === frames.length - 1 ? r.body : null;
}

/**
 * The per-second state the frames (a keyframe through the second asked for) lead to. A chain cut short gives
 * the last second it still reaches, under that second: an earlier state, never a wrong one.
 */
export function stateFromFrames(frames: readonly StateFrame[]): StoredState | null {
  const r = replayChain(frames.map((f) => ({ id: f.sec, base: f.base, body: f.body })));
  if (!r) return null;
  const last = frames[r.upTo]!;
  return { sec: last.sec, seq: last.seq, body: r.body };
}
