// Live stock (库存). Orders lock stock when created (拍下减库存, how 秒杀 stock is usually held): the remaining
// stock is the catalogue figure minus the units ordered since that figure was set, never below 0. Payments,
// unpaid orders (压单) and refunds do not change it: no event says an unpaid order was cancelled, and refunded
// goods go back to the warehouse, not to the live room's allocation.

/** Low stock: at most this many units left (仅剩 N 件 territory whatever the starting figure)… */
export const LOW_STOCK_UNITS = 20;
/** …or at most this share of the starting figure left. */
export const LOW_STOCK_SHARE = 0.1;

export type StockLevel = 'out' | 'low' | 'ok' | 'unknown';

export function remainingStock(startStock: number, unitsOrdered: number): number {
  return Math.max(0, startStock - unitsOrdered);
}

/** How the screen marks a product's stock; `unknown` for a product not in the catalogue. */
export function stockLevel(remaining: number | null, startStock: number | null | undefined): StockLevel {
  if (remaining === null || !Number.isFinite(remaining)) return 'unknown';
  if (remaining <= 0) return 'out';
  const share = startStock ? startStock * LOW_STOCK_SHARE : 0;
  return remaining <= Math.max(LOW_STOCK_UNITS, share) ? 'low' : 'ok';
}
