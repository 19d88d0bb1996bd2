// Public feeds: entries without departures, the platform's own counters, and the figures that follow.
import { describe, expect, it } from 'vitest';
import { RoomEngine } from '../../../server/engine/room-engine.ts';
import type { LiveEvent } from '../../../shared/events.ts';
import { health } from './fixtures.ts';

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const tokenizer = { tokenize: (t: string) => [t], addWords: () => {} };

function run(events: LiveEvent[], until: number) {
  const e = new RoomEngine('r1', { tokenizer });
  for (const ev of events) e.apply(ev);
  e.advanceTo(until);
  return e.state(1, health);
}

/** 60 entries per minute for 5 minutes, an online counter of 300, no departures. */
function feed(): LiveEvent[] {
  const out: LiveEvent[] = [{ type: 'online_count', ts: T0, count: 300 }];
  for (let i = 0; i < 300; i++) out.push({ type: 'viewer_enter', ts: T0 + i * 1000, userId: `u${i}` });
  return out;
}

describe('feeds without leave events', () => {
  it('takes online from the counter, not from entries that never leave', () => {
    const s = run(feed(), T0 + 300_000);
    expect(s.online).toBe(300);
    expect(s.onlineFromEvents).toBe(false);
  });

  it("estimates watch time by Little's law and says it is an estimate", () => {
    const s = run(feed(), T0 + 300_000);
    // 300 online ÷ 1 arrival per second = 300 s
    expect(s.avgWatchEstimated).toBe(true);
    expect(s.avgWatchSeconds).toBeCloseTo(300, 0);
  });

  it("scales arrivals by the feed's share when the platform counts viewers", () => {
    const s = run([...feed(), { type: 'viewer_total', ts: T0 + 299_000, count: 600 }], T0 + 300_000);
    expect(s.cumulativeViewers).toBe(600); // the platform's count for the card
    expect(s.viewersSeen).toBe(300);
    expect(s.feedShare).toBe(0.5);
    expect(s.avgWatchSeconds).toBeCloseTo(150, 0); // twice the arrivals → half the stay
  });

  it('keeps enter/leave rooms exactly as before', () => {
    const s = run(
      [
        { type: 'online_count', ts: T0, count: 999 },
        { type: 'viewer_enter', ts: T0, userId: 'a' },
        { type: 'viewer_leave', ts: T0 + 30_000, userId: 'a' },
      ],
      T0 + 60_000,
    );
    expect(s.onlineFromEvents).toBe(true);
    expect(s.online).toBe(0);
    expect(s.avgWatchEstimated).toBe(false);
    expect(s.avgWatchSeconds).toBe(30);
  });
});

describe('anonymous entries (the platform hides who entered)', () => {
  it('counts them as entries, never as viewers or online', () => {
    const events: LiveEvent[] = [{ type: 'online_count', ts: T0, count: 50 }];
    for (let i = 0; i < 30; i++) events.push({ type: 'viewer_enter', ts: T0 + i * 1000 });
    events.push({ type: 'viewer_enter', ts: T0 + 31_000, userId: 'u1' });
    const s = run(events, T0 + 40_000);
    expect(s.entriesPerMin).toBe(31);
    expect(s.viewersSeen).toBe(1);
    expect(s.online).toBe(50);
  });
});

describe('purchase intent (正在去买 / 热抢)', () => {
  it('goes to the product being explained, never to orders or GMV', () => {
    const s = run(
      [
        { type: 'purchase_intent', ts: T0, count: 1 }, // nothing explained yet: nowhere to show it
        { type: 'explain_start', ts: T0 + 1000, productId: 'p1' },
        { type: 'purchase_intent', ts: T0 + 2000, count: 1 },
        { type: 'purchase_intent', ts: T0 + 3000, count: 2 },
        { type: 'purchase_intent', ts: T0 + 4000, hot: 120 },
        { type: 'purchase_intent', ts: T0 + 5000, productId: 'p2', count: 1 },
      ],
      T0 + 6000,
    );
    const p1 = s.products.find((p) => p.id === 'p1');
    expect(p1).toMatchObject({ buyIntents: 3, hotBuy: 120, orders: 0, gmv: 0 });
    expect(s.products.find((p) => p.id === 'p2')).toMatchObject({ buyIntents: 1, hotBuy: null });
    expect(s.gmv).toBe(0);
  });
});

describe('orders whose amount the shop did not send', () => {
  const created: LiveEvent = {
    type: 'order_created',
    ts: T0,
    orderId: 'o1',
    productId: 'p1',
    amount: 0,
    amountUnknown: true,
  };
  it('count as orders, stay out of GMV until the payment brings the amount, across a checkpoint', () => {
    const e = new RoomEngine('r1', { tokenizer });
    e.apply(created);
    e.advanceTo(T0 + 1000);
    expect(e.state(1, health)).toMatchObject({ orders: 1, gmv: 0 });
    const restored = RoomEngine.restore('r1', { tokenizer }, JSON.parse(JSON.stringify(e.checkpoint())));
    restored.apply({ type: 'order_paid', ts: T0 + 2000, orderId: 'o1', amount: 99 });
    const s = restored.state(2, health);
    expect(s).toMatchObject({ orders: 1, paidOrders: 1, gmv: 99, paid: 99 });
    expect(s.products.find((p) => p.id === 'p1')).toMatchObject({ gmv: 99, paid: 99 });
  });
});
