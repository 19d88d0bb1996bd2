// Live stock (库存) in the engine, in event time: created orders take their quantity, a changed catalogue figure
// restarts the count, the floor is 0, and a product the catalogue does not list has no stock figure.
import { describe, expect, it } from 'vitest';
import { RoomEngine } from '../../../server/engine/room-engine.ts';
import type { LiveEvent, Product } from '../../../shared/events.ts';
import { LOW_STOCK_UNITS, remainingStock, stockLevel } from '../../../shared/metrics/stock.ts';
import { health } from './fixtures.ts';

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const tokenizer = { tokenize: () => [], addWords: () => {} };
const CATALOGUE: Product[] = [
  { id: 'p1', name: '保温杯', price: 50, stock: 100 },
  { id: 'p2', name: '羽绒服', price: 300, stock: 3 },
];

let n = 0;
const order = (productId: string, quantity?: number, orderId = `o${n++}`): LiveEvent => ({
  type: 'order_created',
  ts: T0 + n * 1000,
  orderId,
  productId,
  amount: 50 * (quantity ?? 1),
  ...(quantity === undefined ? {} : { quantity }),
});

function engine(events: LiveEvent[] = [], catalogue = CATALOGUE): RoomEngine {
  const e = new RoomEngine('r1', { tokenizer }, catalogue);
  for (const ev of events) e.apply(ev);
  return e;
}
const product = (e: RoomEngine, id: string) => e.state(1, health).products.find((p) => p.id === id)!;

describe('live stock', () => {
  it('takes each created order’s quantity (1 when absent) from the catalogue figure', () => {
    const e = engine([order('p1', 3), order('p1'), order('p2', 2)]);
    expect(product(e, 'p1')).toMatchObject({ stock: 96, stockStart: 100, unitsOrdered: 4, orders: 2 });
    expect(product(e, 'p2')).toMatchObject({ stock: 1, stockStart: 3, unitsOrdered: 2 });
    expect(e.productInfo('p1')).toEqual({ id: 'p1', name: '保温杯', price: 50, stock: 96 });
  });

  it('takes a repeated orderId once', () => {
    const e = engine([order('p1', 5, 'dup'), order('p1', 5, 'dup'), order('p1', 7, 'dup')]);
    expect(product(e, 'p1')).toMatchObject({ stock: 95, unitsOrdered: 5, orders: 1 });
  });

  it('never goes below 0: oversold is sold out', () => {
    const e = engine([order('p2', 2), order('p2', 2), order('p2')]);
    expect(product(e, 'p2')).toMatchObject({ stock: 0, unitsOrdered: 5 });
    expect(remainingStock(3, 5)).toBe(0);
  });

  it('restarts from a changed catalogue figure (补库存), later orders count down from it', () => {
    const e = engine([order('p2', 3)]);
    expect(product(e, 'p2').stock).toBe(0);
    e.setCatalogue([{ id: 'p2', name: '羽绒服', price: 300, stock: 50 }]);
    expect(product(e, 'p2')).toMatchObject({ stock: 50, stockStart: 50, unitsOrdered: 3 });
    e.apply(order('p2', 4));
    expect(product(e, 'p2')).toMatchObject({ stock: 46, unitsOrdered: 7 });
  });

  it('keeps the count when a catalogue PUT repeats the same figure (a rename or a new price)', () => {
    const e = engine([order('p1', 10)]);
    e.setCatalogue([{ id: 'p1', name: '保温杯 大号', price: 45, stock: 100 }, CATALOGUE[1]!]);
    expect(product(e, 'p1')).toMatchObject({ name: '保温杯 大号', price: 45, stock: 90, stockStart: 100 });
  });

  it('has no stock figure for a product only events named; the catalogue figure counts from when it arrives', () => {
    const e = engine([order('p9', 2)]);
    expect(product(e, 'p9')).toMatchObject({ stock: null, stockStart: null, unitsOrdered: 2 });
    expect(e.productInfo('p9')?.stock).toBeNull();
    expect(e.catalogue().map((p) => p.id)).toEqual(['p1', 'p2']); // a new session does not adopt it as stock 0
    e.setCatalogue([{ id: 'p9', name: '面膜', price: 79, stock: 20 }]);
    expect(product(e, 'p9')).toMatchObject({ name: '面膜', stock: 20, stockStart: 20 });
    expect(e.productInfo('nope')).toBeNull();
  });

  it('gives the alert rules the explained product’s remaining stock, null between segments', () => {
    const e = engine([order('p1', 4)]);
    expect(e.alertInput(false).explainedStock).toBeNull();
    e.apply({ type: 'explain_start', ts: T0 + 100_000, productId: 'p1' });
    e.apply(order('p1', 6));
    expect(e.alertInput(false).explainedStock).toBe(90);
  });
});

describe('stock level', () => {
  it('is out at 0, low at ≤ 20 units or ≤ 10 % of the starting figure, unknown without a figure', () => {
    expect(stockLevel(0, 100)).toBe('out');
    expect(stockLevel(LOW_STOCK_UNITS, 1000)).toBe('low');
    expect(stockLevel(21, 100)).toBe('ok');
    expect(stockLevel(100, 1000)).toBe('low'); // 10 % of 1000
    expect(stockLevel(101, 1000)).toBe('ok');
    expect(stockLevel(15, 15)).toBe('low'); // a small allocation is low from the start
    expect(stockLevel(30, undefined)).toBe('ok'); // a state stored before stockStart existed
    expect(stockLevel(null, null)).toBe('unknown');
  });
});
