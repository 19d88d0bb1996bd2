// A pushed feed is stale once silent for several of its usual gaps (never sooner than the stale limit), and
// after a single push once silent for FIRST_GAP_STALE_MS; before any push nothing was promised.
import { describe, expect, it } from 'vitest';
import { FIRST_GAP_STALE_MS, STALE_AFTER_GAPS, UsualGap } from '../../server/sources/usual-gap.ts';
import { SOURCE_STALE_MS } from '../../shared/constants.ts';

describe('UsualGap', () => {
  it('learns the gap between pushes and turns stale after several of them', () => {
    const g = new UsualGap();
    expect(g.stale(1e9)).toBe(false);
    let t = 0;
    for (let i = 0; i < 10; i++) {
      t += 60_000;
      g.note(t);
    }
    expect(g.usualMs).toBe(60_000);
    expect(g.stale(t + STALE_AFTER_GAPS * 60_000 - 1)).toBe(false);
    expect(g.stale(t + STALE_AFTER_GAPS * 60_000 + 1)).toBe(true);
  });

  it('after one push, stale after the first-gap limit; a fast feed never before the stale limit', () => {
    const one = new UsualGap();
    one.note(0);
    expect(one.stale(FIRST_GAP_STALE_MS)).toBe(false);
    expect(one.stale(FIRST_GAP_STALE_MS + 1)).toBe(true);
    const fast = new UsualGap();
    for (let t = 0; t <= 10_000; t += 1000) fast.note(t);
    expect(fast.stale(10_000 + SOURCE_STALE_MS)).toBe(false);
    expect(fast.stale(10_000 + SOURCE_STALE_MS + 1)).toBe(true);
  });
});
