// Cohort counts: an order counts toward the click that led to it (same user, same product) whenever it comes
// within the window, young clicks count only for the share of their orders that has had time to come, and
// every click's weight adds up to one once it is mature.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CohortStage, type StageSecond } from '../../../server/alerts/sequential/cohort-stage.ts';
import { LAG_MAX_S } from '../../../server/alerts/sequential/lag-cdf.ts';

const T0 = 1_767_000_000_000;
const at = (s: number) => T0 + s * 1000;

function stepAll(stage: CohortStage, from: number, to: number): StageSecond[] {
  const out: StageSecond[] = [];
  for (let s = from; s < to; s++) stage.step(Math.floor(at(s) / 1000), out);
  return out;
}

describe('CohortStage', () => {
  it('credits an order to its click after a product switch, and only to the same user and product', () => {
    const c = new CohortStage(20);
    c.trial(at(0), 'p1', 'u1|p1');
    c.trial(at(0), 'p1', 'u2|p1');
    expect(c.success(at(40), 'u1|p1')).toBe('p1'); // p2 is explained by now: still p1's order
    expect(c.success(at(41), 'u1|p1')).toBeNull(); // its click is already credited
    expect(c.success(at(42), 'u3|p1')).toBeNull(); // no click of that user
    expect(c.success(at(0) + (LAG_MAX_S + 5) * 1000, 'u2|p1')).toBeNull(); // beyond the window
  });

  it('counts a young cohort as the share of its orders that had time to come', () => {
    const c = new CohortStage(20);
    for (let i = 0; i < 100; i++) c.trial(at(0), 'p1', `u${i}|p1`);
    const rows = stepAll(c, 0, 10);
    const m10 = rows.reduce((a, r) => a + r.m, 0);
    // Exponential prior with mean 20 s: after 10 s about 1 − e^(−0.5) ≈ 39 % of the cohort is "mature".
    expect(m10).toBeGreaterThan(30);
    expect(m10).toBeLessThan(48);
    expect(rows[0]!.n).toBe(100);
  });

  it('property: once mature, every trial has counted exactly once, whatever the lags seen', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ s: fc.integer({ min: 0, max: 120 }), lag: fc.integer({ min: 0, max: 200 }), ok: fc.boolean() }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        (clicks) => {
          const c = new CohortStage(15);
          const sorted = [...clicks].sort((a, b) => a.s - b.s);
          const orders = sorted.filter((x) => x.ok).map((x, i) => ({ ts: at(x.s + x.lag), key: `u${i}`, s: x.s }));
          let k = 0;
          const out: StageSecond[] = [];
          let credited = 0;
          for (let s = 0; s < 120 + 200 + LAG_MAX_S + 2; s++) {
            sorted.forEach((x, i) => {
              if (x.s === s)
                c.trial(at(s), 'p1', x.ok ? `u${sorted.slice(0, i).filter((y) => y.ok).length}` : undefined);
            });
            for (; k < orders.length && orders[k]!.ts < at(s + 1); k++)
              if (c.success(orders[k]!.ts, orders[k]!.key)) credited++;
            c.step(s + T0 / 1000, out);
          }
          const m = out.reduce((a, r) => a + r.m, 0);
          const x = out.reduce((a, r) => a + r.x, 0);
          expect(m).toBeCloseTo(sorted.length, 6);
          expect(x).toBe(credited);
          expect(credited).toBe(orders.length);
        },
      ),
      { numRuns: 20 },
    );
  });
});
