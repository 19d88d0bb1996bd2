// The simulator: deterministic whatever the step size, every event valid at the ingest edge, realistic
// magnitudes, and dips where they were injected.
import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../server/ingest/validate-event.ts';
import { createSimulator, type SimulatorOptions } from '../../server/sources/simulator/simulator.ts';
import type { LiveEvent } from '../../shared/events.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const MIN = 60_000;

function run(opts: Partial<SimulatorOptions>, minutes: number, stepMs = 10_000): LiveEvent[] {
  const sim = createSimulator({ seed: 42, startTs: T0, ...opts });
  const out: LiveEvent[] = [];
  for (let t = T0 + stepMs; t <= T0 + minutes * MIN; t += stepMs) out.push(...sim.advance(t));
  return out;
}

function onlineAt(events: LiveEvent[], ts: number): number {
  let n = 0;
  for (const e of events) {
    if (e.ts >= ts) break;
    if (e.type === 'viewer_enter') n++;
    if (e.type === 'viewer_leave') n--;
  }
  return n;
}

describe('simulator', () => {
  it('gives the same events whatever the step size', () => {
    const a = run({}, 10, 1000);
    const b = run({}, 10, 60_000);
    expect(b).toEqual(a);
  });

  it('produces only events the ingest edge accepts, with unique ids, in time order', () => {
    const events = run({}, 20);
    const ids = new Set<string>();
    for (const e of events) {
      const v = validateEvent(e, null);
      expect(v.ok, JSON.stringify(e)).toBe(true);
      expect(ids.has(e.id!)).toBe(false);
      ids.add(e.id!);
    }
    for (let i = 1; i < events.length; i++) expect(events[i]!.ts).toBeGreaterThanOrEqual(events[i - 1]!.ts);
  });

  it('keeps online near the peak with short average stays, and sells', () => {
    const events = run({ peakOnline: 300 }, 30);
    const online = onlineAt(events, T0 + 25 * MIN);
    expect(online).toBeGreaterThan(180);
    expect(online).toBeLessThan(420);
    const enters = new Map<string, number>();
    let stays = 0;
    let total = 0;
    for (const e of events) {
      if (e.type === 'viewer_enter') enters.set(e.userId, e.ts);
      if (e.type === 'viewer_leave') {
        total += e.ts - enters.get(e.userId)!;
        stays++;
      }
    }
    const avgSec = total / stays / 1000;
    expect(avgSec).toBeGreaterThan(20);
    expect(avgSec).toBeLessThan(90);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count('comment')).toBeGreaterThan(300);
    expect(count('order_created')).toBeGreaterThan(5);
    expect(count('order_paid')).toBeLessThanOrEqual(count('order_created'));
    expect(count('explain_start')).toBeGreaterThanOrEqual(3);
  });

  it('drops online by at least 20 % during a retention dip', () => {
    const dips = [{ kind: 'retention' as const, atMs: 15 * MIN, durationMs: 5 * MIN, depth: 0.5 }];
    const events = run({ peakOnline: 400, dips }, 25);
    const before = onlineAt(events, T0 + 15 * MIN);
    const during = onlineAt(events, T0 + 18 * MIN);
    expect(during).toBeLessThan(before * 0.8);
  });

  it('lowers the click rate during a conversion dip', () => {
    const rate = (events: LiveEvent[], from: number, to: number) => {
      const inWindow = events.filter((e) => e.ts >= T0 + from * MIN && e.ts < T0 + to * MIN);
      const clicks = inWindow.filter((e) => e.type === 'product_click').length;
      return clicks / inWindow.filter((e) => e.type === 'product_exposure').length;
    };
    const base = run({ peakOnline: 800 }, 30);
    const dipped = run(
      { peakOnline: 800, dips: [{ kind: 'conversion', atMs: 10 * MIN, durationMs: 20 * MIN, depth: 0.6 }] },
      30,
    );
    expect(rate(dipped, 10, 30)).toBeLessThan(rate(base, 10, 30) * 0.7);
  });
});
