import { describe, expect, it } from 'vitest';
import { DistinctCounter } from '../../server/engine/sketch/distinct-counter.ts';
import { HyperLogLog } from '../../server/engine/sketch/hyperloglog.ts';
import { SpaceSaving } from '../../server/engine/sketch/space-saving.ts';

describe('HyperLogLog', () => {
  it.each([1_000_000, 3_000_000])('estimates %i distinct viewers within 1 %', (n) => {
    const h = new HyperLogLog();
    for (let i = 0; i < n; i++) h.add(`u${i}`);
    expect(Math.abs(h.count() - n) / n).toBeLessThan(0.01);
    expect(h.bytes).toBe(65_536);
  });
  it('is exact enough for small sets (linear counting)', () => {
    const h = new HyperLogLog();
    for (let i = 0; i < 1000; i++) h.add(`v${i % 100}`);
    expect(Math.abs(h.count() - 100)).toBeLessThanOrEqual(2);
  });
});

describe('DistinctCounter', () => {
  it('is exact below its limit and reports repeats', () => {
    const c = new DistinctCounter(10);
    expect(c.add('a')).toBe(true);
    expect(c.add('a')).toBe(false);
    expect(c.size).toBe(1);
    expect(c.approximate).toBe(false);
  });
  it('switches to a sketch past its limit, keeping the count close and monotonic', () => {
    const c = new DistinctCounter(1000);
    let last = 0;
    for (let i = 0; i < 200_000; i++) {
      c.add(`k${i}`);
      if (i % 10_000 === 0) {
        expect(c.size).toBeGreaterThanOrEqual(last);
        last = c.size;
      }
    }
    expect(c.approximate).toBe(true);
    expect(Math.abs(c.size - 200_000) / 200_000).toBeLessThan(0.02);
  });
});

describe('SpaceSaving', () => {
  // Space-Saving guarantees every key more frequent than N / capacity; here N ≈ 8,600 and capacity 200.
  it('keeps the heavy hitters of a skewed stream in order', () => {
    const s = new SpaceSaving(200);
    // Zipf-like: word i appears ~1000/i times, plus a long tail of one-offs.
    for (let i = 1; i <= 20; i++) for (let k = 0; k < Math.floor(1000 / i); k++) s.add(`w${i}`);
    for (let i = 0; i < 5000; i++) s.add(`tail${i}`);
    const top = s.top(10).map((e) => e.key);
    expect(top).toEqual(['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'w10']);
    expect(s.size).toBeLessThan(400);
  });
});
