// Simulated rooms for the forecast bench: each room is one shop (one catalogue seed) with one session shape and
// 10–30 sessions on consecutive days, each of its own length (a two-hour slot, 110–130 min) and size (±30 %). A session becomes the
// curve the server reads (online, cumulative GMV and orders, 点击-下单 at each minute's end) and, for the
// cohorts, each viewer's true stay from the simulator's own entries and departures.

import { Rng } from '../server/sources/simulator/rng.ts';
import { type SessionShape, shapeOver } from '../server/sources/simulator/shapes.ts';
import { createSimulator } from '../server/sources/simulator/simulator.ts';
import type { LiveEvent } from '../shared/events.ts';
import type { CurvePoint } from '../shared/outlook/curves.ts';

const MIN = 60_000;
const DAY = 24 * 3_600_000;
export const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

export interface SimSession {
  start: number;
  durationMin: number;
  curve: CurvePoint[];
  /** Only when asked for: the session's events, full feed and the same session as an online-counter feed. */
  events?: LiveEvent[];
  gaugeEvents?: LiveEvent[];
}

export interface SimRoom {
  shape: SessionShape;
  seed: number;
  sessions: SimSession[];
}

export function simulateRoom(shape: SessionShape, seed: number, count: number, keepEventsOf = 0): SimRoom {
  const rng = new Rng(seed);
  const size = 80 + rng.int(80);
  const sessions: SimSession[] = [];
  for (let i = 0; i < count; i++) {
    const durationMin = 110 + rng.int(21);
    const start = T0 + i * DAY + rng.int(30) * MIN;
    const opts = {
      seed: seed * 100 + i,
      catalogueSeed: seed,
      startTs: start,
      peakOnline: Math.round(size * (0.7 + 0.6 * rng.next())),
      durationMs: durationMin * MIN,
      delays: 'realistic' as const,
      shape: shapeOver(shape, durationMin * MIN),
    };
    const events = createSimulator(opts).advance(Number.POSITIVE_INFINITY);
    const keep = i >= count - keepEventsOf;
    sessions.push({
      start,
      durationMin,
      curve: curveOf(events, start, durationMin),
      events: keep ? events : undefined,
      gaugeEvents: keep
        ? createSimulator({ ...opts, feed: { enterLeave: false } }).advance(Number.POSITIVE_INFINITY)
        : undefined,
    });
  }
  return { shape, seed, sessions };
}

/** The room state at each minute's end, as the engine counts it (online from stays; rates by distinct users). */
export function curveOf(events: LiveEvent[], start: number, durationMin: number): CurvePoint[] {
  const points: CurvePoint[] = [];
  const online = new Set<string>();
  const clickers = new Set<string>();
  const buyers = new Set<string>();
  let gmv = 0;
  let orders = 0;
  let i = 0;
  for (let m = 0; m < durationMin; m++) {
    const end = start + (m + 1) * MIN;
    for (; i < events.length && events[i]!.ts < end; i++) {
      const e = events[i]!;
      if (e.type === 'viewer_enter' && e.userId) online.add(e.userId);
      else if (e.type === 'viewer_leave') online.delete(e.userId);
      else if (e.type === 'product_click' && e.userId) clickers.add(e.userId);
      else if (e.type === 'order_created') {
        gmv += e.amount;
        orders++;
        if (e.userId) buyers.add(e.userId);
      }
    }
    const ctr = clickers.size > 0 ? buyers.size / clickers.size : null;
    points.push({ online: online.size, gmv: Math.round(gmv * 100) / 100, orders, clickToOrder: ctr });
  }
  return points;
}

/** Truth: per entry minute, each viewer's stay from their own entry and departure (the simulator's audience). */
export function trueCohorts(events: LiveEvent[], ks: readonly number[]): Map<number, { size: number; kept: number[] }> {
  const entered = new Map<string, number>();
  const out = new Map<number, { size: number; kept: number[] }>();
  for (const e of events) {
    if (e.type === 'viewer_enter' && e.userId && !entered.has(e.userId)) entered.set(e.userId, e.ts);
    if (e.type !== 'viewer_leave') continue;
    const at = entered.get(e.userId);
    if (at === undefined) continue;
    entered.delete(e.userId);
    const minute = Math.floor(at / MIN) * MIN;
    const c = out.get(minute) ?? { size: 0, kept: ks.map(() => 0) };
    c.size++;
    ks.forEach((k, j) => {
      if (e.ts - at > k * MIN) c.kept[j]!++;
    });
    out.set(minute, c);
  }
  return out;
}
