// The realistic families: orders lag their clicks, a stage dip breaks that stage only, sampled feeds lose a
// share of viewer events but none of the orders, and every plan is deterministic and labelled.
import { describe, expect, it } from 'vitest';
import { planStream } from '../../server/sources/simulator/families.ts';
import { createSimulator, type SimulatorOptions } from '../../server/sources/simulator/simulator.ts';
import type { LiveEvent } from '../../shared/events.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const MIN = 60_000;
const all = (o: SimulatorOptions, minutes: number) => createSimulator(o).advance(o.startTs + minutes * MIN);
const count = (es: LiveEvent[], type: string, from = 0, to = Infinity) =>
  es.filter((e) => e.type === type && e.ts >= from && e.ts < to).length;

describe('simulator families', () => {
  it('realistic delays: orders come seconds to about a minute after their click, same user and product', () => {
    const es = all({ seed: 5, startTs: T0, peakOnline: 2000, delays: 'realistic' }, 20);
    // Each order pairs with the latest click of its user and product before it.
    const clicks = new Map<string, number[]>();
    const lags: number[] = [];
    for (const e of es) {
      if (e.type === 'product_click')
        clicks.set(`${e.userId}|${e.productId}`, [...(clicks.get(`${e.userId}|${e.productId}`) ?? []), e.ts]);
      if (e.type === 'order_created') lags.push(e.ts - clicks.get(`${e.userId}|${e.productId}`)!.at(-1)!);
    }
    lags.sort((a, b) => a - b);
    expect(lags.length).toBeGreaterThan(200);
    expect(lags[0]).toBeGreaterThanOrEqual(0);
    expect(lags[Math.floor(lags.length / 2)]).toBeGreaterThan(8000);
    expect(lags[Math.floor(lags.length / 2)]).toBeLessThan(18_000);
    expect(lags[lags.length - 1]).toBeLessThanOrEqual(120_000);
  });

  it('a click→order dip leaves the click rate alone', () => {
    const dip = { kind: 'clickToOrder' as const, atMs: 10 * MIN, durationMs: 10 * MIN, depth: 0.5 };
    const o: SimulatorOptions = { seed: 9, startTs: T0, peakOnline: 3000, catalogueSeed: 1, productCount: 1 };
    const plain = all(o, 20);
    const dipped = all({ ...o, dips: [dip] }, 20);
    const [a, b] = [T0 + 11 * MIN, T0 + 20 * MIN];
    const ratio = (es: LiveEvent[], n: string, d: string) => count(es, n, a, b) / count(es, d, a, b);
    expect(
      ratio(dipped, 'product_click', 'product_exposure') / ratio(plain, 'product_click', 'product_exposure'),
    ).toBeCloseTo(1, 1);
    expect(
      ratio(dipped, 'order_created', 'product_click') / ratio(plain, 'order_created', 'product_click'),
    ).toBeLessThan(0.65);
  });

  it('a sampled feed drops viewer events but keeps every order, and counts online instead of entries', () => {
    const o: SimulatorOptions = { seed: 3, startTs: T0, peakOnline: 1000 };
    const full = all(o, 15);
    const sampled = all({ ...o, feed: { share: 0.4, enterLeave: false } }, 15);
    expect(count(sampled, 'comment') / count(full, 'comment')).toBeGreaterThan(0.3);
    expect(count(sampled, 'comment') / count(full, 'comment')).toBeLessThan(0.5);
    expect(count(sampled, 'viewer_enter')).toBe(0);
    expect(count(sampled, 'online_count')).toBeGreaterThan(150);
    expect(count(sampled, 'order_created')).toBeGreaterThan(0);
  });

  it('plans are deterministic and labelled', () => {
    const p = planStream(11, { kind: 'payment', depth: 0.3 });
    expect(planStream(11, { kind: 'payment', depth: 0.3 })).toEqual(p);
    expect(p.labels).toHaveLength(1);
    expect(p.labels[0]).toMatchObject({ kind: 'payment', stage: 'pay', depth: 0.3 });
    expect(p.labels[0]!.endTs - p.labels[0]!.startTs).toBeGreaterThanOrEqual(4 * MIN);
  });
});

describe('structured plans (held-out streams)', () => {
  it('a paced show switches exactly where showSchedule says, and a switch-placed dip spans one', async () => {
    const { showSchedule } = await import('../../server/sources/simulator/run-of-show.ts');
    const { spansSwitch } = await import('../../server/sources/simulator/families.ts');
    const p = planStream(77, {
      family: 'realistic',
      peakOnline: 300,
      kind: 'clickToOrder',
      pace: { segmentMs: [90_000, 240_000], gapMs: [10_000, 30_000] },
      placement: 'switch',
      repeat: false,
    });
    const es = all(p.options, 45);
    const starts = es.filter((e) => e.type === 'explain_start').map((e) => e.ts - p.options.startTs);
    const planned = showSchedule(p.options.show!, 8, 45 * MIN).map((s) => s.startMs);
    expect(starts).toEqual(planned.slice(0, starts.length));
    expect(spansSwitch(p.labels[0]!, es)).toBe(true);
  });

  it('the platform-shaped feed: entries but no departures, no card exposures, clicks without viewers, shop buyer ids', () => {
    const es = all({ seed: 8, startTs: T0, peakOnline: 800, feed: { share: 0.5, platform: true } }, 10);
    expect(count(es, 'viewer_enter')).toBeGreaterThan(100);
    expect(count(es, 'viewer_leave') + count(es, 'product_exposure')).toBe(0);
    expect(count(es, 'online_count')).toBeGreaterThan(100);
    expect(es.filter((e) => e.type === 'product_click').every((e) => !('userId' in e))).toBe(true);
    const orders = es.filter((e) => e.type === 'order_created');
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((e) => e.userId?.startsWith('buyer-'))).toBe(true);
  });
});
