// How each update is stored for replay: the patch the screens got, against the update stored before it, with
// a whole state (keyframe) now and then so a seek rebuilds a moment from at most a few hundred small patches.
// At 20 updates a second a whole state each was ~240 KB/s per busy room (3.4 GB per 4-hour stream); the
// patches are what the screens were sent anyway, an order of magnitude smaller, and cost no extra encoding.
import type { PatchOp } from '../../shared/patch.ts';
import type { RoomState } from '../../shared/state.ts';
import { type ChainLimits, nextFrame as chainNext, type StoredChain } from '../storage/frame-chain.ts';
import type { TickFrame } from '../storage/ports.ts';

export type { StoredChain };

/** A keyframe at least every 10 s of wall time and after at most 200 patches. */
export const TICK_CHAIN: ChainLimits = { every: 10_000, maxPatches: 200 };
export const KEYFRAME_EVERY_UPDATES = TICK_CHAIN.maxPatches;

/** The frame for an update (`ops`: its patch from the state of seq `prevSeq`, null when there is none). */
export function nextFrame(
  chain: StoredChain | null,
  prevSeq: number | null,
  state: RoomState,
  ops: PatchOp[] | null,
  wallNow: number,
): { frame: TickFrame; chain: StoredChain } {
  const next = chainNext(chain, prevSeq, state.seq, ops, () => JSON.stringify(state), wallNow, TICK_CHAIN);
  return { frame: { ts: state.ts, seq: state.seq, base: next.base, body: next.body }, chain: next.chain };
}
