// Stored states as chains: a whole state (keyframe) now and then, and between keyframes the patch
// (shared/patch.ts) from the frame before. Replay updates are linked by seq, per-second states by second; a
// moment is rebuilt from its keyframe and refused, never guessed, when a link is missing.
import { applyPatch, type PatchOp } from '../../shared/patch.ts';

/** `id` is the link: a patch frame's `base` is the id of the frame it applies to (null: a keyframe). */
export interface ChainFrame {
  id: number;
  base: number | null;
  body: string;
}

/** When a chain starts over with a keyframe, bounding the work of rebuilding a moment. */
export interface ChainLimits {
  /** Keyframe at least this often, in the unit of `at` (wall ms for updates, event seconds for states). */
  every: number;
  maxPatches: number;
}

/** What the last stored frame was: the chain a patch may extend. */
export interface StoredChain {
  id: number;
  keyAt: number;
  patches: number;
}

/**
 * The next frame, with the chain after it. `ops` turns the state of `prevId` into this one (null: none). A
 * patch only extends a chain whose last frame is that very state; anything else starts over with `whole()`.
 */
export function nextFrame(
  chain: StoredChain | null,
  prevId: number | null,
  id: number,
  ops: PatchOp[] | null,
  whole: () => string,
  at: number,
  limits: ChainLimits,
): { base: number | null; body: string; chain: StoredChain } {
  if (
    ops !== null &&
    chain !== null &&
    prevId !== null &&
    chain.id === prevId &&
    at - chain.keyAt < limits.every &&
    chain.patches < limits.maxPatches
  )
    return { base: prevId, body: JSON.stringify(ops), chain: { id, keyAt: chain.keyAt, patches: chain.patches + 1 } };
  return { base: null, body: whole(), chain: { id, keyAt: at, patches: 0 } };
}

/**
 * Rebuilds the state the frames lead to: the keyframe with each patch applied in order (`root` gives fields
 * set beside a patch, such as an update's seq). Stops at the first frame that does not follow (a link missing,
 * a patch that does not fit): `upTo` is the index of the last frame applied, so a caller knows whether it got
 * the moment it asked for. Null when the first frame is not a keyframe.
 */
export function replayChain(
  frames: readonly ChainFrame[],
  root?: (f: ChainFrame) => object,
): { body: string; upTo: number } | null {
  const [key, ...patches] = frames;
  if (!key || key.base !== null) return null;
  if (patches.length === 0) return { body: key.body, upTo: 0 };
  let state = JSON.parse(key.body) as unknown;
  let upTo = 0;
  for (const f of patches) {
    if (f.base !== frames[upTo]!.id) break;
    try {
      state = applyPatch(state, JSON.parse(f.body) as PatchOp[], root?.(f));
    } catch {
      break;
    }
    upTo++;
  }
  return { body: JSON.stringify(state), upTo };
}
