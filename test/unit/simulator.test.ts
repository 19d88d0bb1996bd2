// The simulator: deterministic whatever the step size, every event valid against its schema, realistic
// magnitudes (DOMAIN.md), dips where they were injected, and a clean end when the stream has a duration.
import type { TypeCheck } from '@sinclair/typebox/compiler';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { createSimulator, type SimulatorOptions } from '../../server/sources/simulator/simulator.ts';
import { EventSchemas, type EventType, type LiveEvent } from '../../shared/events.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const MIN = 60_000;

function run(opts: Partial<SimulatorOptions>, minutes: number, stepMs = 10_000): LiveEvent[] {
  const sim = createSimulator({ seed: 42, startTs: T0, ...opts });
  const out: LiveEvent[] = [];
  for (let t = T0 + stepMs; t <= T0 + minutes * MIN; t += stepMs) out.push(...sim.advance(t));
  return out;
}

/** Online viewers just before `ts`, from enter/leave events. */
function onlineAt(events: LiveEvent[], ts: number): number {
  let n = 0;
  for (const e of events) {
    if (e.ts >= ts) break;
    if (e.type === 'viewer_enter') n++;
    if (e.type === 'viewer_leave') n--;
  }
  return n;
}

function count(events: LiveEvent[], type: EventType, from = 0, to = Number.POSITIVE_INFINITY): number {
  return events.filter((e) => e.type === type && e.ts >= from && e.ts < to).length;
}

const checks = new Map<EventType, TypeCheck<(typeof EventSchemas)[EventType]>>();
function check(e: LiveEvent): boolean {
  let c = checks.get(e.type);
  if (!c) {
    c = TypeCompiler.Compile(EventSchemas[e.type]);
    checks.set(e.type, c);
  }
  return c.Check(e);
}

describe('simulator: determinism', () => {
  it('gives the same events whatever the step sizes, including uneven and sub-second ones', () => {
    const whole = createSimulator({ seed: 42, startTs: T0 }).advance(T0 + 10 * MIN);
    expect(run({}, 10, 1000)).toEqual(whole);
    expect(run({}, 10, 60_000)).toEqual(whole);
    const sim = createSimulator({ seed: 42, startTs: T0 });
    const uneven: LiveEvent[] = [];
    const steps = [1, 333, 999, 1000, 1001, 7, 12_345, 250];
    for (let t = T0, i = 0; t < T0 + 10 * MIN; i++) {
      t = Math.min(T0 + 10 * MIN, t + steps[i % steps.length]!);
      uneven.push(...sim.advance(t));
      expect(sim.now).toBe(t);
    }
    expect(uneven).toEqual(whole);
  });

  it('differs with the seed, and never goes back in time', () => {
    const a = createSimulator({ seed: 1, startTs: T0 });
    const b = createSimulator({ seed: 2, startTs: T0 });
    expect(a.advance(T0 + 2 * MIN)).not.toEqual(b.advance(T0 + 2 * MIN));
    expect(a.advance(T0 + MIN)).toEqual([]);
    expect(a.now).toBe(T0 + 2 * MIN);
  });
});

describe('simulator: events', () => {
  it('produces only schema-valid events with unique ids, integer times in the asked window, in order', () => {
    const startTs = T0 + 250.5; // an odd start: no event may precede it or have a fractional ts
    const sim = createSimulator({ seed: 9, startTs, peakOnline: 500 });
    const ids = new Set<string>();
    const problems: string[] = [];
    let prev = startTs;
    for (let until = startTs + 7_000; until <= startTs + 20 * MIN; until += 7_000) {
      for (const e of sim.advance(until)) {
        // One expect per event would dominate the run time: collect what is wrong instead.
        if (!check(e)) problems.push(`invalid: ${JSON.stringify(e)}`);
        if (e.ts < prev || e.ts >= until) problems.push(`out of order or window: ${JSON.stringify(e)}`);
        if (ids.has(e.id!)) problems.push(`duplicate id: ${e.id}`);
        ids.add(e.id!);
        prev = e.ts;
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(ids.size).toBeGreaterThan(10_000);
  });

  it('uses unique viewer ids, never acts for a viewer outside their stay, prices orders as price × quantity', () => {
    const sim = createSimulator({ seed: 5, startTs: T0, peakOnline: 300 });
    const price = new Map(sim.catalogue.map((p) => [p.id, p.price]));
    const events = sim.advance(T0 + 20 * MIN);
    const online = new Set<string>();
    const seen = new Set<string>();
    for (const e of events) {
      if (e.type === 'viewer_enter') {
        const uid = e.userId ?? ''; // the simulator always names its viewers
        expect(seen.has(uid)).toBe(false);
        expect(uid).toMatch(/^u\d+$/);
        seen.add(uid);
        online.add(uid);
      } else if (e.type === 'viewer_leave') expect(online.delete(e.userId)).toBe(true);
      else if ('userId' in e && e.userId) expect(online.has(e.userId), JSON.stringify(e)).toBe(true);
      if (e.type === 'order_created') expect(e.amount).toBeCloseTo(price.get(e.productId)! * e.quantity!, 2);
    }
  });

  it('writes Chinese barrage with questions, product names, complaints and a one-phrase spam flood', () => {
    const sim = createSimulator({ seed: 3, startTs: T0, peakOnline: 2000 });
    const comments = sim.advance(T0 + 40 * MIN).filter((e) => e.type === 'comment');
    const texts = comments.map((e) => e.text);
    expect(texts).toContain('多少钱');
    expect(texts.some((t) => sim.catalogue.some((p) => t.includes(p.name)))).toBe(true);
    expect(texts.some((t) => /卡了|没声音|退款|假货|客服不回|不发货/.test(t))).toBe(true);
    expect(texts.some((t) => /^[a-zA-Z ?]+$/.test(t))).toBe(true);
    const perUserText = new Map<string, number>();
    for (const e of comments) {
      const key = `${e.userId}|${e.text}`;
      perUserText.set(key, (perUserText.get(key) ?? 0) + 1);
    }
    expect(Math.max(...perUserText.values())).toBeGreaterThanOrEqual(20);
  });
});

describe('simulator: magnitudes (peakOnline 300, 30 minutes)', () => {
  const events = run({ peakOnline: 300 }, 30);

  it('ramps up, then keeps online near the peak', () => {
    expect(onlineAt(events, T0 + MIN)).toBeLessThan(150);
    for (let m = 8; m <= 30; m += 2) {
      const online = onlineAt(events, T0 + m * MIN);
      expect(online, `minute ${m}`).toBeGreaterThan(200);
      expect(online, `minute ${m}`).toBeLessThan(400);
    }
  });

  it('has short average stays, most under a minute, cumulative viewers far above online', () => {
    const enteredAt = new Map<string, number>();
    const stays: number[] = [];
    for (const e of events) {
      if (e.type === 'viewer_enter') enteredAt.set(e.userId ?? '', e.ts);
      if (e.type === 'viewer_leave') stays.push(e.ts - enteredAt.get(e.userId)!);
    }
    const avgSec = stays.reduce((a, b) => a + b, 0) / stays.length / 1000;
    expect(avgSec).toBeGreaterThan(30);
    expect(avgSec).toBeLessThan(90);
    expect(stays.filter((s) => s < MIN).length / stays.length).toBeGreaterThan(0.6);
    expect(enteredAt.size).toBeGreaterThan(20 * 300);
  });

  it('reports room exposures at 3–10× entries and barrage at 0.05–0.2 lines per viewer-minute', () => {
    const exposures = events.reduce((n, e) => n + (e.type === 'room_exposure' ? e.count : 0), 0);
    const ratio = exposures / count(events, 'viewer_enter');
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(10);
    let viewerMinutes = 0;
    for (let m = 0; m < 30; m++) viewerMinutes += onlineAt(events, T0 + m * MIN + 30_000);
    const perViewerMin = count(events, 'comment') / viewerMinutes;
    expect(perViewerMin).toBeGreaterThan(0.05);
    expect(perViewerMin).toBeLessThan(0.2);
  });

  it('explains products in turn for 3–8 minutes and sells through a realistic funnel', () => {
    const segments = events.filter((e) => e.type === 'explain_start' || e.type === 'explain_end');
    expect(segments.length).toBeGreaterThanOrEqual(8);
    for (let i = 1; i < segments.length; i += 2) {
      const [start, end] = [segments[i - 1]!, segments[i]!];
      expect([start.type, end.type]).toEqual(['explain_start', 'explain_end']);
      expect(end.ts - start.ts).toBeGreaterThanOrEqual(3 * MIN);
      expect(end.ts - start.ts).toBeLessThanOrEqual(8 * MIN);
    }
    const click = count(events, 'product_click') / count(events, 'product_exposure');
    const order = count(events, 'order_created') / count(events, 'product_click');
    const paid = count(events, 'order_paid') / count(events, 'order_created');
    expect(click).toBeGreaterThan(0.05);
    expect(click).toBeLessThan(0.2);
    expect(order).toBeGreaterThan(0.04);
    expect(order).toBeLessThan(0.22);
    expect(paid).toBeGreaterThan(0.5);
    expect(paid).toBeLessThan(0.95);
    expect(count(events, 'follow')).toBeGreaterThan(0);
    expect(count(events, 'like')).toBeGreaterThan(0);
  });
});

describe('simulator: dips', () => {
  it('drops online by the dip depth within two minutes, and recovers afterwards', () => {
    const dips = [{ kind: 'retention' as const, atMs: 15 * MIN, durationMs: 5 * MIN, depth: 0.5 }];
    const events = run({ peakOnline: 400, dips }, 25);
    const before = onlineAt(events, T0 + 15 * MIN);
    expect(onlineAt(events, T0 + 17 * MIN)).toBeLessThan(before * 0.65);
    expect(onlineAt(events, T0 + 19 * MIN)).toBeLessThan(before * 0.8);
    expect(onlineAt(events, T0 + 23 * MIN)).toBeGreaterThan(before * 0.8);
  });

  it('lowers click and order rates by the depth during a conversion dip, only there', () => {
    const rate = (events: LiveEvent[], a: LiveEvent['type'], b: LiveEvent['type'], from: number, to: number) =>
      count(events, a, T0 + from * MIN, T0 + to * MIN) / count(events, b, T0 + from * MIN, T0 + to * MIN);
    const dips = [{ kind: 'conversion' as const, atMs: 10 * MIN, durationMs: 20 * MIN, depth: 0.6 }];
    const base = run({ peakOnline: 800 }, 30);
    const dipped = run({ peakOnline: 800, dips }, 30);
    expect(rate(dipped, 'product_click', 'product_exposure', 0, 10)).toBe(
      rate(base, 'product_click', 'product_exposure', 0, 10),
    );
    const clicks = rate(dipped, 'product_click', 'product_exposure', 10, 30);
    expect(clicks).toBeLessThan(rate(base, 'product_click', 'product_exposure', 10, 30) * 0.6);
    const orders = rate(dipped, 'order_created', 'product_click', 10, 30);
    expect(orders).toBeLessThan(rate(base, 'order_created', 'product_click', 10, 30) * 0.7);
  });
});

describe('simulator: room sizes and the end of a stream', () => {
  it('runs a 50-viewer room and a 50,000-viewer room', () => {
    const small = run({ peakOnline: 50 }, 20);
    expect(onlineAt(small, T0 + 15 * MIN)).toBeGreaterThan(25);
    expect(onlineAt(small, T0 + 15 * MIN)).toBeLessThan(80);
    expect(count(small, 'comment')).toBeGreaterThan(20);
    const big = run({ peakOnline: 50_000 }, 1, 1000);
    expect(count(big, 'comment')).toBeGreaterThan(500);
  });

  it('ends at durationMs: the segment closes, everyone leaves, only payments and refunds come later', () => {
    const sim = createSimulator({ seed: 11, startTs: T0, peakOnline: 300, durationMs: 12 * MIN + 400 });
    const events = sim.advance(Number.POSITIVE_INFINITY);
    const end = T0 + 12 * MIN + 1000; // rounded up to a whole second
    expect(onlineAt(events, end + 1)).toBe(0);
    expect(count(events, 'explain_start')).toBe(count(events, 'explain_end'));
    const after = events.filter((e) => e.ts > end);
    expect(after.every((e) => e.type === 'order_paid' || e.type === 'refund')).toBe(true);
    expect(sim.advance(Number.POSITIVE_INFINITY)).toEqual([]);
    expect(() => createSimulator({ seed: 1, startTs: T0 }).advance(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
