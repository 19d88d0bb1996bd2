import { describe, expect, it } from 'vitest';
import { DistinctCounter } from '../../server/engine/sketch/distinct-counter.ts';
import { HyperLogLog } from '../../server/engine/sketch/hyperloglog.ts';
import { SpaceSaving, selectTop } from '../../server/engine/sketch/space-saving.ts';

const relErr = (est: number, n: number) => Math.abs(est - n) / n;

/** Deterministic PRNG (mulberry32) so the streams, and therefore the assertions, never change. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('HyperLogLog', () => {
  it('counts nothing as 0 and small sets almost exactly', () => {
    const h = new HyperLogLog();
    expect(h.count()).toBe(0);
    for (let i = 0; i < 1000; i++) h.add(`v${i % 100}`);
    expect(Math.abs(h.count() - 100)).toBeLessThanOrEqual(1);
  });

  it('defaults to precision 14 (16 KiB of registers) and rejects silly precisions', () => {
    const h = new HyperLogLog();
    expect(h.precision).toBe(14);
    expect(h.bytes).toBeLessThan(16_384 + 200);
    expect(() => new HyperLogLog(3)).toThrow(RangeError);
    expect(() => new HyperLogLog(19)).toThrow(RangeError);
  });

  it('reports a repeated key as not new', () => {
    const h = new HyperLogLog();
    h.add('a');
    expect(h.add('a')).toBe(false);
  });

  // Precision 14: standard error 0.81 %; 3σ is 2.4 %. Across the range, including the 40k-80k band where the
  // classic estimator's linear-counting switch-over is biased.
  it.each([1_000, 20_000, 50_000, 100_000, 1_000_000])('precision 14 stays within 3σ at %i keys', (n) => {
    const h = new HyperLogLog(14);
    for (let i = 0; i < n; i++) h.add(`p14-${i}`);
    expect(relErr(h.count(), n)).toBeLessThan(0.025);
  });
});

describe('DistinctCounter', () => {
  it('is exact below its limit and reports repeats', () => {
    const c = new DistinctCounter({ exactLimit: 10 });
    expect(c.add('a')).toBe(true);
    expect(c.add('a')).toBe(false);
    expect(c.size).toBe(1);
    expect(c.approximate).toBe(false);
    expect(c.estimateBytes()).toBeGreaterThan(0);
  });

  it('switches to the sketch past its limit, keeping the count close and monotonic', () => {
    const c = new DistinctCounter({ exactLimit: 1000 });
    let last = 0;
    for (let i = 0; i < 200_000; i++) {
      c.add(`k${i}`);
      if (i % 997 === 0) {
        expect(c.size).toBeGreaterThanOrEqual(last);
        last = c.size;
      }
    }
    expect(c.approximate).toBe(true);
    expect(relErr(c.size, 200_000)).toBeLessThan(0.01);
  });

  // The screen promises cumulative viewers within 1 %: checked at 1M and 3M deterministic keys.
  it.each([1_000_000, 3_000_000])('counts %i distinct viewers within 1 % in bounded memory', (n) => {
    const c = new DistinctCounter();
    for (let i = 0; i < n; i++) c.add(`u${i}`);
    for (let i = 0; i < 100_000; i++) c.add(`u${i}`); // repeats change nothing
    expect(relErr(c.size, n)).toBeLessThan(0.01);
    expect(c.approximate).toBe(true);
    expect(c.estimateBytes()).toBeLessThan(70_000);
  });
});

describe('SpaceSaving', () => {
  it('is exact while the keys fit', () => {
    const s = new SpaceSaving(10);
    for (let i = 0; i < 100; i++) s.add(`k${i % 7}`);
    s.add('k0', 5);
    expect(s.size).toBe(7);
    expect(s.get('k0')).toBe(20);
    expect(s.get('k6')).toBe(14);
    expect(s.get('missing')).toBe(0);
    expect(s.top(3)).toEqual([
      { key: 'k0', count: 20, error: 0 },
      { key: 'k1', count: 15, error: 0 },
      { key: 'k2', count: 14, error: 0 },
    ]);
    expect(() => s.add('x', 0)).toThrow(RangeError);
  });

  // Zipf(1.1) over 20,000 words in random order, capacity 200: the head of a skewed stream is exact.
  it('keeps the heavy hitters of a skewed stream exactly, with the documented bounds for the rest', () => {
    const random = rng(42);
    const words = 20_000;
    const weights = Array.from({ length: words }, (_, i) => 1 / (i + 1) ** 1.1);
    const cumulative: number[] = [];
    weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
    const totalWeight = cumulative[words - 1]!;
    const exact = new Map<string, number>();
    const s = new SpaceSaving(200);
    for (let i = 0; i < 200_000; i++) {
      const x = random() * totalWeight;
      let lo = 0;
      let hi = words - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      const key = `w${lo}`;
      exact.set(key, (exact.get(key) ?? 0) + 1);
      s.add(key);
    }
    expect(s.size).toBe(200);
    expect(s.total).toBe(200_000);
    const exactTop = [...exact].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 20);
    const top = s.top(20);
    // The same words in the same order; counts exact but for a word evicted once early on, when every count
    // was tiny, whose error stays tiny.
    expect(top.map((e) => e.key)).toEqual(exactTop.map(([k]) => k));
    for (const e of top) {
      const truth = exact.get(e.key)!;
      expect(truth).toBeLessThanOrEqual(e.count);
      expect(truth).toBeGreaterThanOrEqual(e.count - e.error);
      expect(e.error).toBeLessThanOrEqual(e.count * 0.01);
    }
    expect(top.filter((e) => e.error === 0).length).toBeGreaterThanOrEqual(15);
    const bound = s.total / s.capacity;
    s.forEach((key, count) => {
      const truth = exact.get(key)!;
      expect(count).toBeGreaterThanOrEqual(truth);
      expect(count - truth).toBeLessThanOrEqual(bound);
    });
    for (const [key, truth] of exact) if (truth > bound) expect(s.get(key)).toBeGreaterThan(0);
  });

  // Past N/capacity a key is guaranteed; below it, churn from the tail evicts it. One-off keys that replace the
  // minimum late carry its whole count as error: ranked by the upper bound they look hot, by the lower bound not.
  it('bounds memory under an endless tail of one-off keys, and ranks by the lower bound on request', () => {
    const s = new SpaceSaving(50);
    for (let i = 0; i < 100_000; i++) s.add(i % 10 === 0 ? 'hot' : `tail${i}`);
    expect(s.size).toBe(50);
    expect(s.top(1)[0]).toEqual({ key: 'hot', count: 10_000, error: 0 });
    const [, second] = s.top(2);
    expect(second!.count - second!.error).toBe(1);
    expect(second!.count).toBeGreaterThan(1000);
    expect(s.top(2, 'guaranteed').map((e) => e.count - e.error)).toEqual([10_000, 1]);
    s.clear();
    expect(s.size).toBe(0);
    expect(s.top(5)).toEqual([]);
  });
});

describe('selectTop', () => {
  it('picks the n largest, ties by label, without sorting everything', () => {
    const values = [5, 9, 1, 9, 7, 3];
    const labels = ['a', 'd', 'c', 'b', 'e', 'f'];
    expect(
      selectTop(
        6,
        3,
        (i) => values[i]!,
        (i) => labels[i]!,
      ),
    ).toEqual([3, 1, 4]);
    expect(
      selectTop(
        6,
        0,
        (i) => values[i]!,
        (i) => labels[i]!,
      ),
    ).toEqual([]);
    expect(
      selectTop(
        2,
        5,
        (i) => values[i]!,
        (i) => labels[i]!,
      ),
    ).toEqual([1, 0]);
  });
});
