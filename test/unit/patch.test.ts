// The patch format: applying the diff of any two states to the first yields the second, without touching the
// first; unchanged parts keep their identity; newest-first lists travel as the new lines only.

import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, diff, type PatchOp } from '../../shared/patch.ts';
import { PatchOpsSchema } from '../../shared/patch-schema.ts';
import { roomState } from '../client/fixtures/room-state.ts';

/** States travel as JSON (no -0, no undefined): the inputs are taken as they would arrive. */
const asJson = <T>(v: T): T => JSON.parse(JSON.stringify(v ?? null));
const roundTrip = (a0: unknown, b0: unknown) => {
  const [a, b] = [asJson(a0), asJson(b0)];
  const before = JSON.stringify(a);
  const ops = JSON.parse(JSON.stringify(diff(a, b))) as PatchOp[]; // as it travels
  expect(Value.Check(PatchOpsSchema, ops)).toBe(true);
  const out = applyPatch(structuredClone(a), ops);
  expect(JSON.stringify(a)).toBe(before);
  return out;
};

const comment = fc.record({ ts: fc.integer(), userId: fc.option(fc.string(), { nil: null }), text: fc.string() });

describe('patch', () => {
  it('turns any JSON value into any other', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(roundTrip(a, b)).toEqual(asJson(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('turns a value into a nearby one (few fields changed, keys added and removed)', () => {
    const base = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 8 });
    fc.assert(
      fc.property(base, base, fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }), (a, extra, change) => {
        const b = { ...a, ...change, nested: { ...extra, ...change } };
        const a2 = { ...a, nested: extra };
        expect(roundTrip(a2, b)).toEqual(asJson(b));
      }),
    );
  });

  it('turns room states into room states, new comments as a prepend', () => {
    fc.assert(
      fc.property(
        fc.array(comment, { maxLength: 30 }),
        fc.array(comment, { maxLength: 30 }),
        fc.nat(40),
        (old, fresh, n) => {
          const a = roomState({ recentComments: old, comments: 3 });
          const lines = [...fresh, ...old].slice(0, Math.max(1, n));
          const b = roomState({ recentComments: lines, comments: 3 + fresh.length, online: n });
          expect(roundTrip(a, b)).toEqual(b);
        },
      ),
    );
  });

  it('sends a small change small, and only the new lines of a newest-first list', () => {
    const old = Array.from({ length: 30 }, (_, i) => ({ ts: 1000 - i, userId: `u${i}`, text: `第${i}条` }));
    const a = roomState({ recentComments: old, online: 5 });
    const line = { ts: 1001, userId: 'new', text: '多少钱' };
    const b = roomState({ recentComments: [line, ...old.slice(0, 29)], online: 6 });
    const ops = diff(a, b);
    expect(ops).toContainEqual(['s', 'online', 6]);
    expect(ops).toContainEqual(['p', 'recentComments', [line], 30]);
    expect(JSON.stringify(ops).length).toBeLessThan(120);
    const out = applyPatch(a, ops);
    expect(out.funnel).toBe(a.funnel); // untouched parts are the same objects
    expect(out.recentComments).not.toBe(a.recentComments);
  });

  it('refuses operations that do not fit the state or reach for the prototype', () => {
    expect(() => applyPatch({ a: 1 }, [['s', 'b.c', 1]])).toThrow(/patch/);
    expect(() => applyPatch({ a: [1] }, [['s', 'a.3', 1]])).toThrow(/patch/);
    expect(() => applyPatch({ a: {} }, [['s', '__proto__.x', 1]])).toThrow(/unsafe/);
    expect(() => applyPatch({ a: 1 }, [['p', 'a', [2], 1]])).toThrow(/patch/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(diff({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
