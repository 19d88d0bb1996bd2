import { describe, expect, it } from 'vitest';
import { MinuteBuckets } from '../../../server/engine/minute-buckets.ts';

const T0 = 1_700_000_040_000; // a whole minute

describe('MinuteBuckets', () => {
  it('sums whole minutes and prorates partial ones', () => {
    const m = new MinuteBuckets(8);
    m.add(T0 + 1_000, 'entries', 60); // minute 0
    m.add(T0 + 61_000, 'entries', 30); // minute 1
    // now = 30 s into minute 1: the last 60 s = all of minute 1 so far + half of minute 0
    expect(m.lastSum('entries', T0 + 90_000)).toBeCloseTo(30 + 30);
    expect(m.windowSum('entries', T0 + 90_000, T0, T0 + 60_000)).toBe(60);
  });
  it('drops minutes that fell out of the ring, keeps memory constant', () => {
    const m = new MinuteBuckets(4);
    m.add(T0, 'comments', 5);
    m.add(T0 + 4 * 60_000, 'comments', 7); // same slot as T0's minute: it replaces it
    const now = T0 + 4 * 60_000 + 1;
    expect(m.windowSum('comments', now, T0 - 60_000, now)).toBe(7);
    m.add(T0, 'comments', 100); // far too late for the ring: ignored here
    expect(m.windowSum('comments', now, T0 - 60_000, now)).toBe(7);
  });
  it('reads gauges minutes ago', () => {
    const m = new MinuteBuckets(8);
    m.setGauge(T0 + 10_000, 'online', 100);
    m.setGauge(T0 + 50_000, 'online', 120);
    m.setGauge(T0 + 5 * 60_000 + 10_000, 'online', 80);
    expect(m.gaugeAt('online', T0 + 5 * 60_000 + 20_000, 5)).toBe(120);
    expect(m.gaugeAt('online', T0 + 5 * 60_000 + 20_000, 0)).toBe(80);
    expect(m.gaugeAt('online', T0 + 5 * 60_000 + 20_000, 3)).toBeNull();
  });
});
