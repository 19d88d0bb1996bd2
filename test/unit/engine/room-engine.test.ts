// The engine against hand-computed figures, in event time only (no clock anywhere).
import { describe, expect, it } from 'vitest';
import { RoomEngine } from '../../../server/engine/room-engine.ts';
import type { LiveEvent } from '../../../shared/events.ts';
import { health } from './fixtures.ts';

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const splitTokenizer = { tokenize: (t: string) => t.split(/\s+/).filter((w) => w.length > 1), addWords: () => {} };

function engineWith(events: LiveEvent[]): RoomEngine {
  const e = new RoomEngine('r1', { tokenizer: splitTokenizer }, [
    { id: 'p1', name: '保温杯', price: 50, stock: 100 },
    { id: 'p2', name: '羽绒服', price: 300, stock: 10 },
  ]);
  for (const ev of events) e.apply(ev);
  return e;
}

describe('RoomEngine audience', () => {
  it('counts online, unique viewers and watch time from enter/leave', () => {
    const e = engineWith([
      { type: 'viewer_enter', ts: T0, userId: 'a' },
      { type: 'viewer_enter', ts: T0, userId: 'b' },
      { type: 'viewer_enter', ts: T0 + 10_000, userId: 'c' },
      { type: 'viewer_leave', ts: T0 + 30_000, userId: 'a' }, // a watched 30 s
      { type: 'viewer_enter', ts: T0 + 40_000, userId: 'a' }, // a comes back: still one unique viewer
    ]);
    e.advanceTo(T0 + 60_000);
    const s = e.state(1, health);
    expect(s.online).toBe(3);
    expect(s.cumulativeViewers).toBe(3);
    expect(s.peakOnline).toBe(3);
    // watch: a 30 + 20 (second stay), b 60, c 50 → 160 s over 3 viewers
    expect(s.avgWatchSeconds).toBeCloseTo(160 / 3, 1);
    expect(s.entriesPerMin).toBe(4);
    expect(s.exitsPerMin).toBe(1);
  });

  it('uses online_count gauges when the platform gives only counts, with no watch time', () => {
    const e = engineWith([
      { type: 'online_count', ts: T0, count: 1200 },
      { type: 'online_count', ts: T0 + 5000, count: 1500 },
    ]);
    const s = e.state(1, health);
    expect(s.online).toBe(1500);
    expect(s.peakOnline).toBe(1500);
    expect(s.onlineFromEvents).toBe(false);
    expect(s.avgWatchSeconds).toBeNull();
  });
});

describe('RoomEngine funnel and money', () => {
  const events: LiveEvent[] = [
    { type: 'room_exposure', ts: T0, count: 40 },
    ...['a', 'b', 'c', 'd'].map((u): LiveEvent => ({ type: 'viewer_enter', ts: T0 + 1, userId: u })),
    { type: 'explain_start', ts: T0 + 1000, productId: 'p1' },
    ...['a', 'b', 'c'].map((u): LiveEvent => ({ type: 'product_exposure', ts: T0 + 2000, productId: 'p1', userId: u })),
    { type: 'product_exposure', ts: T0 + 2000, productId: 'p1', userId: 'a' }, // same person again
    { type: 'product_click', ts: T0 + 3000, productId: 'p1', userId: 'a' },
    { type: 'product_click', ts: T0 + 3000, productId: 'p1', userId: 'b' },
    { type: 'order_created', ts: T0 + 4000, orderId: 'o1', productId: 'p1', userId: 'a', amount: 100, quantity: 2 },
    { type: 'order_created', ts: T0 + 4000, orderId: 'o2', productId: 'p1', userId: 'b', amount: 50 },
    { type: 'order_paid', ts: T0 + 5000, orderId: 'o1', amount: 100 },
    { type: 'order_paid', ts: T0 + 5000, orderId: 'o1', amount: 100 }, // a second notice for the same order
    { type: 'explain_end', ts: T0 + 61_000, productId: 'p1' },
    { type: 'order_created', ts: T0 + 62_000, orderId: 'o3', productId: 'p2', userId: 'c', amount: 300 },
    { type: 'refund', ts: T0 + 63_000, orderId: 'o1', amount: 20 },
  ];

  it('counts unique people per stage and the stage rates', () => {
    const s = engineWith(events).state(1, health);
    expect(s.funnel.stages).toEqual({
      exposure: 40,
      enter: 4,
      productExposure: 3,
      productClick: 2,
      orderCreated: 3,
      paid: 1,
    });
    expect(s.funnel.rates.enter).toBeCloseTo(0.1);
    expect(s.funnel.rates.click).toBeCloseTo(2 / 3);
    expect(s.funnel.rates.orderToPaid).toBeCloseTo(1 / 3);
    expect(s.funnel.rates.conversion).toBeCloseTo(1 / 4);
  });

  it('GMV counts created orders unpaid included; paid, refunds, UV价值', () => {
    const s = engineWith(events).state(1, health);
    expect(s.gmv).toBe(450);
    expect(s.orders).toBe(3);
    expect(s.paid).toBe(100);
    expect(s.paidOrders).toBe(1);
    expect(s.refunds).toBe(20);
    expect(s.uvValue).toBe(25);
    expect(s.hasCommerce).toBe(true);
  });

  it('keeps per-product figures and what happened while a product was explained', () => {
    const s = engineWith(events).state(1, health);
    const p1 = s.products.find((p) => p.id === 'p1')!;
    expect(p1).toMatchObject({
      exposureUsers: 3,
      clickUsers: 2,
      orderUsers: 2,
      payUsers: 1,
      orders: 2,
      gmv: 150,
      paid: 100,
    });
    expect(p1.explainSeconds).toBe(60);
    expect(p1.explainOrders).toBe(2);
    expect(p1.explaining).toBe(false);
    const p2 = s.products.find((p) => p.id === 'p2')!;
    expect(p2.explainOrders).toBe(0);
    expect(p2.gmv).toBe(300);
  });
});

describe('RoomEngine 5-minute change', () => {
  it('compares the last 5 minutes with the 5 before', () => {
    const ev: LiveEvent[] = [];
    for (let i = 0; i < 10; i++) ev.push({ type: 'comment', ts: T0 + i * 20_000, text: 'a b' }); // minutes 0-3
    for (let i = 0; i < 5; i++) ev.push({ type: 'comment', ts: T0 + 300_000 + i * 50_000, text: 'c d' }); // minutes 5-9
    const e = engineWith(ev);
    e.advanceTo(T0 + 600_000);
    const s = e.state(1, health);
    expect(s.change5m.comments.now).toBeCloseTo(1);
    expect(s.change5m.comments.prev).toBeCloseTo(2);
    expect(s.change5m.comments.pct).toBeCloseTo(-0.5);
  });
});
