// The counters event (a platform's counts per interval): validated at the edge, counted by the engine's funnel
// and product table as single events are (a field with counters is then counted from them only), and mapped
// from a platform data API's per-product running totals by the poll source (totals turned into deltas).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoomEngine } from '../../server/engine/room-engine.ts';
import { validateEvent } from '../../server/ingest/validate-event.ts';
import { mapPollResponse } from '../../server/sources/poll-mapping.ts';
import { mapProducts } from '../../server/sources/poll-products.ts';
import type { LiveEvent } from '../../shared/events.ts';
import { health } from './engine/fixtures.ts';

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const tokenizer = { tokenize: (t: string) => [t], addWords: () => {} };
const catalogue = [{ id: 'p1', name: '保温杯', price: 59, stock: 100 }];

describe('counters event', () => {
  it('is validated: counts are non-negative integers, fromTs not after ts, no unknown fields', () => {
    const ok = { type: 'counters', ts: T0, fromTs: T0 - 60_000, productId: 'p1', clicks: 34, orders: 3, gmv: 177 };
    expect(validateEvent(ok, null).ok).toBe(true);
    expect(validateEvent({ ...ok, clicks: -1 }, null).ok).toBe(false);
    expect(validateEvent({ ...ok, clicks: 1.5 }, null).ok).toBe(false);
    expect(validateEvent({ ...ok, fromTs: T0 + 1 }, null).ok).toBe(false);
    expect(validateEvent({ ...ok, views: 3 }, null).ok).toBe(false);
  });

  it('fills the funnel and the product table, and a field with counters is no longer counted from events', () => {
    const e = new RoomEngine('r1', { tokenizer }, catalogue);
    const events: LiveEvent[] = [
      { type: 'explain_start', ts: T0, productId: 'p1' },
      { type: 'product_click', ts: T0 + 500, productId: 'p1', userId: 'u1' },
      { type: 'counters', ts: T0 + 60_000, productId: 'p1', cardExposures: 400, clicks: 34, orders: 3, gmv: 177 },
      { type: 'product_click', ts: T0 + 61_000, productId: 'p1', userId: 'u2' }, // sampled: the counters have it
      { type: 'counters', ts: T0 + 120_000, productId: 'p1', cardExposures: 380, clicks: 30, paidOrders: 2 },
    ];
    for (const ev of events) e.apply(ev);
    const s = e.state(1, health);
    const p = s.products.find((x) => x.id === 'p1')!;
    expect(p.orders).toBe(3);
    expect(p.gmv).toBe(177);
    expect(p.explainOrders).toBe(3);
    expect(s.funnel.stages.productExposure).toBe(780);
    expect(s.funnel.stages.productClick).toBe(65); // 1 before the counters, 64 from them
    expect(s.funnel.stages.orderCreated).toBe(3);
    expect(s.funnel.stages.paid).toBe(2);
    expect(e.alertInput(false).counts).toMatchObject({ exposures: 780, clicks: 65, orders: 3 });
  });
});

describe('poll mapping of per-product counters', () => {
  const m = { list: 'data.products', id: 'product_id', clicks: 'click_cnt', orders: 'pay_order_cnt', gmv: 'gmv' };

  it('turns running totals into deltas per product, the first answer setting the base', () => {
    const a = mapPollResponse(
      { data: { products: [{ product_id: 7, click_cnt: '100', pay_order_cnt: 4, gmv: 200 }] } },
      { products: m },
      { exposure: null, likes: null },
      T0,
    );
    expect(a.events).toEqual([]);
    const b = mapPollResponse(
      { data: { products: [{ product_id: 7, click_cnt: '134', pay_order_cnt: 7, gmv: 380.5 }] } },
      { products: m },
      a.totals,
      T0 + 60_000,
    );
    expect(b.events).toEqual([
      { type: 'counters', ts: T0 + 60_000, fromTs: T0, productId: '7', clicks: 34, orders: 3, gmv: 180.5 },
    ]);
    for (const ev of b.events) expect(validateEvent(ev, null).ok).toBe(true);
  });

  it('the deltas of any sequence of growing totals add up to the last total less the first', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(500), { minLength: 2, maxLength: 30 }), (steps) => {
        let totals = {};
        let clicks = 0;
        let sum = 0;
        steps.forEach((step, i) => {
          clicks += step;
          const r = mapProducts({ l: [{ id: 'p', c: clicks }] }, { list: 'l', id: 'id', clicks: 'c' }, totals, i, null);
          totals = r.totals;
          for (const e of r.events as { clicks?: number }[]) sum += e.clicks ?? 0;
        });
        expect(sum).toBe(clicks - steps[0]!);
      }),
    );
  });
});
