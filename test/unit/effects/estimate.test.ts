import { describe, expect, it } from 'vitest';
import { type Cell, estimateEffect, windowRatio } from '../../../server/effects/estimate.ts';
import { ledgerRows, type MinuteData, priceChanges, summarise } from '../../../server/effects/ledger.ts';
import { summaryLine } from '../../../shared/effects.ts';

const counts = (xs: number[]): Cell[] => xs.map((num) => ({ num, den: 1 }));

describe('effect estimate', () => {
  it('a flat room that jumps 20 % after the action reads +20 % and up', () => {
    const pre = [100, 102, 98, 101, 99, 100, 103, 97, 100, 100];
    const post = [120, 122, 118, 121, 119];
    const e = estimateEffect('online', { target: counts([...pre, 100, ...post]), at: 10 });
    expect(e.method).toBe('trend');
    expect(e.relative).toBeCloseTo(0.2, 1);
    expect(e.verdict).toBe('up');
    expect(e.low!).toBeLessThan(0.2);
    expect(e.high!).toBeGreaterThan(0.2);
  });

  it('a rising trend carried on is no effect', () => {
    const series = Array.from({ length: 16 }, (_, i) => 100 * 1.02 ** i);
    const e = estimateEffect('online', { target: counts(series), at: 10 });
    expect(Math.abs(e.relative!)).toBeLessThan(0.01);
    expect(['flat', 'uncertain']).toContain(e.verdict);
  });

  it('difference in differences: traffic that doubled for every product is not credited to the action', () => {
    const rate = (r: number, exp: number): Cell => ({ num: Math.round(exp * r), den: exp });
    const target = [...Array(10).fill(rate(0.1, 200)), null, ...Array(5).fill(rate(0.1, 400))];
    const control = [...Array(10).fill(rate(0.05, 600)), null, ...Array(5).fill(rate(0.05, 1200))];
    const e = estimateEffect('clickRate', { target, control, at: 10 });
    expect(e.method).toBe('did');
    expect(e.relative).toBeCloseTo(0, 2);
    // The target's rate doubling while the others' stays is +100 %.
    const up = [...Array(10).fill(rate(0.1, 200)), null, ...Array(5).fill(rate(0.2, 200))];
    expect(estimateEffect('clickRate', { target: up, control, at: 10 }).relative).toBeCloseTo(1, 1);
  });

  it('too few minutes, or none after, gives no figure and 不确定', () => {
    expect(estimateEffect('gmvPerMin', { target: counts([5, 6]), at: 1 })).toMatchObject({
      relative: null,
      verdict: 'uncertain',
      method: 'none',
    });
    expect(windowRatio([null, { num: 3, den: 0 }])).toBeNull();
  });

  it('noisy small counts give a wide interval that reads 不确定', () => {
    const e = estimateEffect('gmvPerMin', { target: counts([0, 3, 0, 1, 4, 0, 2, 0, 5, 1, 0, 2, 0, 4, 0, 1]), at: 10 });
    expect(e.verdict).toBe('uncertain');
  });
});

describe('ledger', () => {
  const minute = (i: number, price: number, clicks: number): MinuteData => ({
    minute: i * 60_000,
    online: 100,
    entries: 10,
    explaining: 'p1',
    products: {
      p1: { exposures: 400, clicks: clicks * 2, orders: i > 10 ? 16 : 4, gmv: 0, price },
      p2: { exposures: 400, clicks: 20, orders: 4, gmv: 0, price: 50 },
    },
  });
  const minutes = Array.from({ length: 20 }, (_, i) => minute(i, i < 12 ? 99 : 79, i > 10 ? 20 : 10));

  it('an action without a product takes the one being explained; price changes are found in the minutes', () => {
    const [row] = ledgerRows(minutes, [{ ts: 10 * 60_000 + 5000, kind: 'pin', productId: null, note: null }]);
    expect(row).toMatchObject({ productId: 'p1', effect: { metric: 'clickRate', method: 'did', verdict: 'up' } });
    expect(row!.effect.relative).toBeCloseTo(1, 1);
    expect(priceChanges(minutes)).toEqual([{ ts: 12 * 60_000, kind: 'price_change', productId: 'p1', note: '99→79' }]);
  });

  it('summarises a kind of action over sessions as one line', () => {
    const rows = ledgerRows(minutes, [
      { ts: 10 * 60_000 + 5000, kind: 'flash_sale', productId: 'p1', note: '秒杀话术' },
    ]);
    const [s] = summarise([rows, rows]);
    expect(s).toMatchObject({ kind: 'flash_sale', note: '秒杀话术', count: 2, sessions: 2, verdict: 'up' });
    expect(summaryLine(s!)).toMatch(/^限时秒杀「秒杀话术」：点击-下单 \+\d+%（±\d+%），2 次$/);
  });
});
