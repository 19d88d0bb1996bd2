// How each update is stored for replay: the patch the screens got, against the update stored before it, with
// a whole state (keyframe) now and then so a seek rebuilds a moment from at most a few hundred small patches.
// At 20 updates a second a whole state each was ~240 KB/s per busy room (3.4 GB per 4-hour stream); the
// patches are what the screens were sent anyway, an order of magnitude smaller, and cost no extra encoding.
import type { PatchOp } from '../../shared/patch.ts';
import type { RoomState } from '../../shared/state.ts';
import type { TickFrame } from '../storage/ports.ts';

/** A keyframe at least this often (wall time) and after at most this many patches: bounds a seek's work. */
export const KEYFRAME_EVERY_MS = 10_000;
export const KEYFRAME_EVERY_UPDATES = 200;

/** What the room's last stored frame was: the chain a patch may extend. */
export interface StoredChain {
  seq: number;
  keyAt: number;
  patches: number;
}

/**
 * The frame for an update (`ops`: its patch from the state of seq `prevSeq`, null when there is none) and the
 * chain after it. A patch only extends a chain whose last frame is that very state; anything else (the first
 * update, an update not stored, a room rebuilt) starts over with a keyframe.
 */
export function nextFrame(
  chain: StoredChain | null,
  prevSeq: number | null,
  state: RoomState,
  ops: PatchOp[] | null,
  wallNow: number,
): { frame: TickFrame; chain: StoredChain } {
  const extend =
    ops !== null &&
    chain !== null &&
    chain.seq === prevSeq &&
    wallNow - chain.keyAt < KEYFRAME_EVERY_MS &&
    chain.patches < KEYFRAME_EVERY_UPDATES;
  if (extend)
    return {
      frame: { ts: state.ts, seq: state.seq, base: prevSeq, body: JSON.stringify(ops) },
      chain: { seq: state.seq, keyAt: chain.keyAt, patches: chain.patches + 1 },
    };
  return {
    frame: { ts: state.ts, seq: state.seq, base: null, body: JSON.stringify(state) },
    chain: { seq: state.seq, keyAt: wallNow, patches: 0 },
  };
}
