// Per-second states are stored as a chain (a whole state a minute, patches between). Over a simulated stream
// through a real room runtime, every second rebuilt from the stored frames equals the state as it was when
// that second closed: nothing the engine changes later (shared arrays, reused objects) leaks into a patch.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULES } from '../../../server/alerts/default-rules.ts';
import { RoomEngine } from '../../../server/engine/room-engine.ts';
import { RoomRuntime } from '../../../server/rooms/room-runtime.ts';
import { STATE_CHAIN, StateFrames } from '../../../server/rooms/state-frames.ts';
import { createSimulator } from '../../../server/sources/simulator/simulator.ts';
import type { StateFrame } from '../../../server/storage/ports.ts';
import { stateFromFrames } from '../../../server/storage/screen-at.ts';
import type { RoomState } from '../../../shared/state.ts';

const T0 = Date.UTC(2026, 0, 1, 12);

afterEach(() => vi.restoreAllMocks());

describe('per-second state frames', () => {
  it('rebuild every second of a stream exactly as it closed, from at most a minute of patches', () => {
    const truth = new Map<number, string>();
    const frames: StateFrame[] = [];
    const real = RoomEngine.prototype.state;
    vi.spyOn(RoomEngine.prototype, 'state').mockImplementation(function (this: RoomEngine, ...args) {
      const s = real.apply(this, args);
      truth.set(Math.floor(s.ts / 1000), JSON.stringify(s));
      return s;
    });
    const sim = createSimulator({ seed: 21, startTs: T0, peakOnline: 800, durationMs: 12 * 60_000 });
    const listener = { alerts: () => {}, cues: () => {} };
    const sink = { putState: (_r: string, f: StateFrame) => void frames.push(f) };
    const tokenizer = { tokenize: (t: string) => t.split(''), addWords: () => {} };
    const runtime = new RoomRuntime('r', tokenizer, sim.catalogue, sink, DEFAULT_RULES, listener);
    for (let t = T0 + 1000; t <= T0 + 12 * 60_000; t += 1000) runtime.applyEvents(sim.advance(t));
    runtime.settleImport();

    expect(frames.length).toBeGreaterThan(600);
    const keys = frames.filter((f) => f.base === null).length;
    expect(keys).toBeLessThanOrEqual(Math.ceil(frames.length / STATE_CHAIN.maxPatches) + 1);
    let patchBytes = 0;
    frames.forEach((f, i) => {
      let k = i;
      while (frames[k]!.base !== null) k--;
      const rebuilt = stateFromFrames(frames.slice(k, i + 1))!;
      expect(rebuilt.sec).toBe(f.sec);
      expect(JSON.parse(rebuilt.body)).toEqual(JSON.parse(truth.get(f.sec)!));
      if (f.base !== null) patchBytes += f.body.length;
    });
    // The point of it: a second's patch is a small part of its whole state.
    const wholeBytes = frames.reduce((a, f) => a + truth.get(f.sec)!.length, 0);
    expect(patchBytes / wholeBytes).toBeLessThan(0.3);
  });

  it('a provisional state of an open second is replaced when it closes, and the chain stays whole', () => {
    // The store keeps one row per second (INSERT OR REPLACE / ON CONFLICT DO UPDATE).
    const rows = new Map<number, StateFrame>();
    const frames = new StateFrames('r', { putState: (_r, f) => void rows.set(f.sec, f) });
    const st = (comments: number) => ({ seq: comments, comments, hotWords: [comments] }) as unknown as RoomState;
    const at = (sec: number) => {
      const chain = [...rows.values()].filter((f) => f.sec <= sec).sort((a, b) => a.sec - b.sec);
      const key = chain.map((f) => f.base).lastIndexOf(null);
      return JSON.parse(stateFromFrames(chain.slice(key))!.body).comments;
    };
    frames.put(1, st(1));
    frames.putProvisional(2, st(2));
    expect(at(2)).toBe(2);
    frames.putProvisional(2, st(3)); // a later import part added to the same second
    expect(at(2)).toBe(3);
    frames.put(2, st(4));
    frames.put(3, st(5));
    expect([at(1), at(2), at(3)]).toEqual([1, 4, 5]);
  });
});
