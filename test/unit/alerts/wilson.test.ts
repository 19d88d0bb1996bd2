import { describe, expect, it } from 'vitest';
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
