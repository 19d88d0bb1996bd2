import { describe, expect, it } from 'vitest';
import { avgWatchSeconds, followRate, interactionRate } from '../../../shared/metrics/audience.ts';
import { gpm, refundRate, uvValue } from '../../../shared/metrics/commerce.ts';
import { funnelRates } from '../../../shared/metrics/funnel.ts';
import { pctChange, ratio } from '../../../shared/metrics/ratio.ts';

describe('ratio and change', () => {
  it('gives null, not 0 or NaN, when there is no denominator', () => {
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(null, 10)).toBeNull();
    expect(ratio(Number.NaN, 10)).toBeNull();
    expect(ratio(3, 12)).toBe(0.25);
  });
  it('computes 环比 change against the previous window', () => {
    expect(pctChange(120, 100)).toBeCloseTo(0.2);
    expect(pctChange(60, 100)).toBeCloseTo(-0.4);
    expect(pctChange(0, 0)).toBe(0);
    expect(pctChange(5, 0)).toBeNull();
  });
});

describe('funnel rates (hand-computed example)', () => {
  // 10,000 exposures, 2,000 entered, 1,200 saw a product, 150 clicked, 20 created orders, 16 paid.
  const r = funnelRates({
    exposure: 10_000,
    enter: 2000,
    productExposure: 1200,
    productClick: 150,
    orderCreated: 20,
    paid: 16,
  });
  it('uses people of the previous stage as denominator', () => {
    expect(r.enter).toBeCloseTo(0.2);
    expect(r.productExposure).toBeCloseTo(0.6);
    expect(r.click).toBeCloseTo(0.125);
    expect(r.clickToOrder).toBeCloseTo(20 / 150);
    expect(r.orderToPaid).toBeCloseTo(0.8);
  });
  it('成交转化率 is paying people ÷ entered viewers', () => {
    expect(r.conversion).toBeCloseTo(16 / 2000);
  });
  it('empty stages give null rates', () => {
    const e = funnelRates({ exposure: 0, enter: 0, productExposure: 0, productClick: 0, orderCreated: 0, paid: 0 });
    expect(Object.values(e).every((v) => v === null)).toBe(true);
  });
});

describe('audience and money', () => {
  it('人均观看时长 counts finished and running stays over unique viewers', () => {
    // 3 viewers: two finished 30 s and 90 s, one still watching for 60 s → 180 s / 3 = 60 s.
    expect(avgWatchSeconds(120_000, 60_000, 3)).toBe(60);
    expect(avgWatchSeconds(0, 0, 0)).toBeNull();
  });
  it('互动率 and 转粉率 divide by cumulative viewers', () => {
    expect(interactionRate(50, 1000)).toBe(0.05);
    expect(followRate(12, 1000)).toBe(0.012);
  });
  it('UV价值, GPM and 退款率', () => {
    expect(uvValue(5000, 2000)).toBe(2.5);
    expect(gpm(5000, 2500)).toBe(2000);
    expect(refundRate(250, 5000)).toBe(0.05);
    expect(gpm(10, 0)).toBeNull();
  });
});
