// Tick frames: each update stored as the patch the screens got, a keyframe now and then. Whatever the states,
// rebuilding any stored moment from its keyframe gives exactly the state the screens held; a broken chain is
// refused, never guessed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEYFRAME_EVERY_UPDATES, nextFrame, type StoredChain } from '../../../server/realtime/tick-frames.ts';
import type { TickFrame } from '../../../server/storage/ports.ts';
import { replayFrames } from '../../../server/storage/screen-at.ts';
import { diff } from '../../../shared/patch.ts';
import type { RoomState } from '../../../shared/state.ts';

const state = fc.record({
  online: fc.integer({ min: 0, max: 50_000 }),
  gmv: fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { nil: null }),
  words: fc.array(fc.record({ w: fc.string({ maxLength: 4 }), n: fc.nat(99) }), { maxLength: 5 }),
  lines: fc.array(fc.string({ maxLength: 6 }), { maxLength: 8 }),
  extra: fc.option(fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.nat(9)), { nil: undefined }),
});

/** Stores a run of updates as the ticker does (some not stored: an import holding the clock). */
function store(states: object[], skipped: Set<number>, gapMs: number) {
  const frames: TickFrame[] = [];
  const held: RoomState[] = [];
  let chain: StoredChain | null = null;
  let prev: RoomState | null = null;
  states.forEach((raw, i) => {
    const s = { ...raw, seq: i + 1, ts: 1000 + i * 50 } as unknown as RoomState;
    const ops = prev ? diff({ ...prev, seq: s.seq }, s) : null;
    if (!skipped.has(i)) {
      const next = nextFrame(chain, prev?.seq ?? null, s, ops, i * gapMs);
      frames.push(next.frame);
      held.push(s);
      chain = next.chain;
    }
    prev = s;
  });
  return { frames, held };
}

/** The frames a reader gets for frame k: from the latest keyframe at or before it. */
function through(frames: TickFrame[], k: number): TickFrame[] {
  let key = k;
  while (key > 0 && frames[key]!.base !== null) key--;
  return frames.slice(key, k + 1);
}

describe('tick frames', () => {
  it('rebuild every stored moment exactly, whatever the states and skipped updates', () => {
    fc.assert(
      fc.property(
        fc.array(state, { minLength: 1, maxLength: 60 }),
        fc.uniqueArray(fc.nat(59), { maxLength: 5 }),
        fc.constantFrom(50, 700),
        (states, skip, gapMs) => {
          const { frames, held } = store(states, new Set(skip), gapMs);
          expect(frames[0]?.base ?? null).toBeNull();
          frames.forEach((_, k) => {
            expect(JSON.parse(replayFrames(through(frames, k))!)).toEqual(JSON.parse(JSON.stringify(held[k])));
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('start a keyframe after an update that was not stored, and at least every so many updates', () => {
    const states = Array.from({ length: KEYFRAME_EVERY_UPDATES + 10 }, (_, i) => ({ online: i }));
    const { frames } = store(states, new Set([5]), 1);
    const keys = frames.flatMap((f, i) => (f.base === null ? [i] : []));
    expect(keys).toEqual([0, 5, 5 + KEYFRAME_EVERY_UPDATES + 1]);
    // Patches are the small part: a patch of one number, not the state.
    expect(frames[1]!.body).toBe('[["s","online",1],["s","ts",1050]]');
  });

  it('refuse a chain with a frame missing or without its keyframe', () => {
    const { frames } = store([{ online: 1 }, { online: 2 }, { online: 3 }], new Set(), 1);
    expect(replayFrames(frames)).not.toBeNull();
    expect(replayFrames([frames[0]!, frames[2]!])).toBeNull();
    expect(replayFrames(frames.slice(1))).toBeNull();
  });
});
