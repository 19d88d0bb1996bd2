import { describe, expect, it } from 'vitest';
import { rateDifference } from '../../../shared/metrics/newcombe.ts';
import { wilson } from '../../../shared/metrics/wilson.ts';

describe('Wilson interval', () => {
  it('matches the textbook value for 10 of 100', () => {
    const ci = wilson(10, 100)!;
    expect(ci.lo).toBeCloseTo(0.0552, 3);
    expect(ci.hi).toBeCloseTo(0.1744, 3);
  });
  it('is wide for small samples and narrow for large ones', () => {
    const small = wilson(1, 10)!;
    const large = wilson(1000, 10_000)!;
    expect(small.hi - small.lo).toBeGreaterThan(0.3);
    expect(large.hi - large.lo).toBeLessThan(0.02);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('Newcombe interval for a difference of rates', () => {
  it("matches Newcombe's (1998) worked example, 56/70 − 48/80", () => {
    const d = rateDifference(56, 70, 48, 80)!;
    expect(d.diff).toBeCloseTo(0.2, 6);
    expect(d.lo).toBeCloseTo(0.0524, 3);
    expect(d.hi).toBeCloseTo(0.3339, 3);
  });
  it('is null without trials, and wider when the baseline is small', () => {
    expect(rateDifference(1, 10, 0, 0)).toBeNull();
    const small = rateDifference(5, 100, 6, 30)!;
    const large = rateDifference(5, 100, 600, 3000)!;
    expect(small.hi - small.lo).toBeGreaterThan(large.hi - large.lo);
  });
});
