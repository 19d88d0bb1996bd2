import { describe, expect, it } from 'vitest';
import { CohortTracker, USUAL_SURVIVAL } from '../../../server/outlook/cohorts.ts';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const MIN = 60_000;

describe('retention cohorts from entries and departures', () => {
  it('counts each viewer of an entry minute by their own stay', () => {
    const c = new CohortTracker();
    // Four viewers enter in minute 0; they stay 30 s, 2 min, 4 min and until the end.
    for (const [i, u] of ['a', 'b', 'c', 'd'].entries()) c.enter(T0 + i * 1000, u, 'p1');
    c.leave(T0 + 30_000, 'a');
    c.leave(T0 + 1000 + 2 * MIN, 'b');
    c.leave(T0 + 2000 + 4 * MIN, 'c');
    c.enter(T0 + MIN + 5000, 'e', null); // minute 1
    // At minute 2 only the 1-minute share of minute 0 is due.
    expect(c.row(T0, T0 + 2 * MIN)?.retention).toEqual([0.75, null, null, null]);
    const row = c.row(T0, T0 + 11 * MIN);
    expect(row).toEqual({
      minute: T0,
      size: 4,
      explaining: 'p1',
      retention: [0.75, 0.5, 0.25, 0.25],
      estimated: false,
    });
    expect(c.rows(T0 + 11 * MIN, 30).map((r) => r.minute)).toEqual([T0, T0 + MIN]);
  });

  it('a repeated enter without a leave is one stay; a leave never entered is ignored', () => {
    const c = new CohortTracker();
    c.enter(T0, 'a', null);
    c.enter(T0 + 10_000, 'a', null);
    c.leave(T0 + 20_000, 'z');
    c.leave(T0 + 5 * MIN, 'a');
    expect(c.row(T0, T0 + 20 * MIN)?.retention).toEqual([1, 1, 0, 0]);
    expect(c.row(T0, T0 + 20 * MIN)?.size).toBe(1);
  });

  it('gives the session’s usual 3-minute retention', () => {
    const c = new CohortTracker();
    for (let m = 0; m < 5; m++) {
      for (let i = 0; i < 10; i++) c.enter(T0 + m * MIN + i, `u${m}-${i}`, null);
      for (let i = 0; i < 10 - m; i++) c.leave(T0 + m * MIN + i + 30_000, `u${m}-${i}`);
    }
    // 3-minute shares 0, .1, .2, .3, .4 → median .2
    expect(c.usual3(T0 + 20 * MIN)).toEqual({ value: 0.2, cohorts: 5 });
  });
});

describe('retention cohorts estimated from the online counter', () => {
  it('is the usual survival, cut by how much of the audience the room lost, and marked estimated', () => {
    const c = new CohortTracker();
    for (let m = 0; m <= 12; m++) c.gauge(T0 + m * MIN + 30_000, m < 3 ? 100 : 50);
    const row = c.row(T0, T0 + 12 * MIN);
    expect(row?.estimated).toBe(true);
    expect(row?.size).toBeNull();
    expect(row?.retention[0]).toBeCloseTo(USUAL_SURVIVAL[0]);
    expect(row?.retention[1]).toBeCloseTo(USUAL_SURVIVAL[1] * 0.5);
    expect(c.usual3(T0 + 12 * MIN)).toBeNull();
  });
});
