import { describe, expect, it } from 'vitest';
import { pastBand } from '../../../shared/outlook/band.ts';
import { alignOnExplain, type CurvePoint, metricSeries } from '../../../shared/outlook/curves.ts';
import { forecastFinal } from '../../../shared/outlook/forecast.ts';
import { pace, shareCurve } from '../../../shared/outlook/pacing.ts';
import { predictionInterval80 } from '../../../shared/outlook/quantiles.ts';

/** A hand-made session: GMV grows `perMin` a minute for `minutes`, orders one per ¥100. */
function session(minutes: number, perMin: number, online = 100): CurvePoint[] {
  return Array.from({ length: minutes }, (_, i) => ({
    online,
    gmv: perMin * (i + 1),
    orders: Math.floor((perMin * (i + 1)) / 100),
    clickToOrder: 0.1,
  }));
}

describe('past band', () => {
  it('gives median and p10–p90 per minute, null where fewer than 3 sessions reach', () => {
    const past = [session(10, 100, 50), session(10, 200, 100), session(10, 300, 150), session(5, 400, 200)];
    const band = pastBand(past, 'online', 10);
    expect(band[0]).toEqual({ p10: 65, p50: 125, p90: 185 });
    expect(band[9]).toEqual({ p10: 60, p50: 100, p90: 140 });
    expect(pastBand(past.slice(0, 2), 'online', 3)).toEqual([null, null, null]);
  });

  it('orders per minute are differences of cumulative orders', () => {
    expect(metricSeries(session(3, 100), 'ordersPerMin')).toEqual([1, 1, 1]);
  });

  it('aligns a session on the first 讲解 of a product', () => {
    const s = session(4, 100).map((p, i) => ({ ...p, explaining: i >= 2 ? 'p1' : null }));
    // GMV counts from the minute before the explain: 300 − 200.
    expect(alignOnExplain(s, 'p1')?.map((p) => p.gmv)).toEqual([100, 200]);
    expect(alignOnExplain(s, 'p2')).toBeNull();
  });
});

describe('forecast of the final GMV', () => {
  it('says 数据不足 with fewer than 3 past sessions', () => {
    expect(forecastFinal([session(60, 100), session(60, 100)], session(10, 100), 'gmv')).toEqual({
      status: 'insufficient',
      sessions: 2,
    });
  });

  it('scales today by the past ratio of final to so-far; identical sessions give a point interval', () => {
    const past = [session(60, 100), session(60, 200), session(60, 300)];
    // Linear sessions: at minute 29 (30 minutes done) every one has 30/60 of its final.
    const f = forecastFinal(past, session(30, 150), 'gmv');
    expect(f.status).toBe('ok');
    if (f.status !== 'ok') return;
    expect(f.p50).toBeCloseTo(9000);
    expect(f.p10).toBeCloseTo(9000);
    expect(f.p90).toBeCloseTo(9000);
  });

  it('widens with scattered past sessions and keeps the median inside', () => {
    const past = [session(60, 100), session(90, 100), session(45, 100), session(75, 100)];
    const f = forecastFinal(past, session(30, 100), 'gmv');
    if (f.status !== 'ok') throw new Error('expected a forecast');
    expect(f.p10).toBeLessThan(f.p50);
    expect(f.p90).toBeGreaterThan(f.p50);
    expect(f.p10).toBeGreaterThanOrEqual(3000); // never below what is already sold
  });

  it('uses the past finals while nothing is sold yet', () => {
    const past = [session(60, 100), session(60, 110), session(60, 90)];
    const today = [{ online: 10, gmv: 0, orders: 0, clickToOrder: null }];
    const f = forecastFinal(past, today, 'gmv');
    expect(f.status === 'ok' && f.method).toBe('finals');
    if (f.status === 'ok') expect(f.p50).toBeGreaterThan(5000);
  });

  it('has a t-based 80 % prediction interval', () => {
    const pi = predictionInterval80([0, 2]);
    // mean 1, sd √2, t(0.9, 1) = 3.078, √1.5
    expect(pi.hi - pi.mid).toBeCloseTo(3.078 * Math.SQRT2 * Math.sqrt(1.5));
  });
});

describe('target pacing', () => {
  const past = [session(60, 100), session(60, 200), session(60, 300)];

  it('is ahead in ¥ and % against target × the usual share by now', () => {
    // Half-way through (minute 29 of 60), the usual share is 0.5: a 10,000 target expects 5,000.
    const p = pace('gmv', 10_000, past, session(30, 200), forecastFinal(past, session(30, 200), 'gmv'));
    expect(p?.expected).toBeCloseTo(5000);
    expect(p?.ahead).toBeCloseTo(1000);
    expect(p?.aheadPct).toBeCloseTo(0.2);
    expect(p?.projected).toBeCloseTo(12_000);
    // 6,000 now; at this pace it reaches 10,000 at share 10/12 → minute 49 (share 50/60).
    expect(p?.reachMinute).toBe(49);
  });

  it('without past sessions paces linearly over the planned duration', () => {
    const share = shareCurve([], 'orders', 100);
    expect(share[49]).toBeCloseTo(0.5);
    const p = pace('orders', 100, [], session(50, 100), null, 100);
    expect(p?.expected).toBeCloseTo(50);
    expect(p?.ahead).toBeCloseTo(0);
  });

  it('paces the peak online on the peak reached so far', () => {
    const p = pace('peakOnline', 200, past, session(10, 100, 150), null);
    expect(p?.current).toBe(150);
    expect(p?.aheadPct).toBeCloseTo(-0.25);
  });
});
