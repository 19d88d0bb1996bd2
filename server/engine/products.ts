// Per-product funnel figures, explain segments (讲解) and live stock (库存). Unique people per stage are counted
// per product; anonymous events (no userId) count as one person each, since nothing can tell them apart.
import type { Product } from '../../shared/events.ts';
import { ratio } from '../../shared/metrics/ratio.ts';
import { remainingStock } from '../../shared/metrics/stock.ts';
import type { ProductStats } from '../../shared/state.ts';
import { type DistinctCheckpoint, DistinctCounter } from './sketch/distinct-counter.ts';

export class ProductTracker {
  readonly exposureUsers = new PeopleCounter();
  readonly clickUsers = new PeopleCounter();
  readonly orderUsers = new PeopleCounter();
  readonly payUsers = new PeopleCounter();
  /** Event counts (not people): the trials and successes alert rules judge rates on. */
  exposures = 0;
  clicks = 0;
  orders = 0;
  gmv = 0;
  paid = 0;
  explainOrders = 0;
  explainGmv = 0;
  /** Units (order quantities) ordered this session, unpaid included. */
  unitsOrdered = 0;
  /** Viewers heading to buy (正在去买) and the platform's latest 热抢 figure: intent, not orders. */
  buyIntents = 0;
  hotBuy: number | null = null;
  /** Units ordered since the catalogue last set this product's stock: what the remaining stock counts down. */
  private unitsSinceStockSet = 0;
  private explainMs = 0;
  private explainSince: number | null = null;

  /** `catalogued` false: a product named by events before the catalogue; its stock is unknown. */
  constructor(
    private product: Product,
    private catalogued = true,
  ) {}

  get info(): Product {
    return this.product;
  }

  /**
   * A catalogue figure is the stock at the moment it is set: a changed figure (补库存, a correction) restarts
   * the count from it; the same figure sent again (a catalogue PUT that only renames or reprices) keeps it.
   */
  setInfo(p: Product): void {
    if (!this.catalogued || p.stock !== this.product.stock) this.unitsSinceStockSet = 0;
    this.product = p;
    this.catalogued = true;
  }

  /** Remaining stock now; null for a product the catalogue does not list. */
  get stock(): number | null {
    return this.catalogued ? remainingStock(this.product.stock, this.unitsSinceStockSet) : null;
  }

  get inCatalogue(): boolean {
    return this.catalogued;
  }

  get explainStartedAt(): number | null {
    return this.explainSince;
  }

  get explaining(): boolean {
    return this.explainSince !== null;
  }

  startExplain(ts: number): void {
    if (this.explainSince === null) this.explainSince = ts;
  }

  endExplain(ts: number): void {
    if (this.explainSince === null) return;
    this.explainMs += Math.max(0, ts - this.explainSince);
    this.explainSince = null;
  }

  addOrder(amount: number, quantity: number): void {
    this.orders++;
    this.gmv += amount;
    this.unitsOrdered += quantity;
    this.unitsSinceStockSet += quantity;
    if (this.explaining) {
      this.explainOrders++;
      this.explainGmv += amount;
    }
  }

  /** Orders known only as counts (a platform's counters): no quantities, so stock is left alone. */
  addCounted(orders: number, gmv: number, paid: number): void {
    this.orders += orders;
    this.gmv += gmv;
    this.paid += paid;
    if (this.explaining) {
      this.explainOrders += orders;
      this.explainGmv += gmv;
    }
  }

  checkpoint(): ProductCheckpoint {
    const { exposureUsers, clickUsers, orderUsers, payUsers, product, catalogued } = this;
    return {
      product,
      catalogued,
      people: [exposureUsers, clickUsers, orderUsers, payUsers].map((p) => p.checkpoint()),
      counts: [this.exposures, this.clicks, this.orders, this.gmv, this.paid, this.explainOrders, this.explainGmv],
      units: [this.unitsOrdered, this.unitsSinceStockSet],
      explainMs: this.explainMs,
      explainSince: this.explainSince,
      intent: [this.buyIntents, this.hotBuy],
    };
  }

  static restore(s: ProductCheckpoint): ProductTracker {
    const p = new ProductTracker(s.product, s.catalogued);
    for (const [i, c] of [p.exposureUsers, p.clickUsers, p.orderUsers, p.payUsers].entries()) c.restore(s.people[i]!);
    [p.exposures, p.clicks, p.orders, p.gmv, p.paid, p.explainOrders, p.explainGmv] = s.counts;
    [p.unitsOrdered, p.unitsSinceStockSet] = s.units;
    p.explainMs = s.explainMs;
    p.explainSince = s.explainSince;
    [p.buyIntents, p.hotBuy] = s.intent ?? [0, null];
    return p;
  }

  stats(nowTs: number): ProductStats {
    const running = this.explainSince === null ? 0 : Math.max(0, nowTs - this.explainSince);
    return {
      id: this.product.id,
      name: this.product.name,
      price: this.product.price,
      stock: this.stock,
      stockStart: this.catalogued ? this.product.stock : null,
      unitsOrdered: this.unitsOrdered,
      exposureUsers: this.exposureUsers.size,
      clickUsers: this.clickUsers.size,
      orderUsers: this.orderUsers.size,
      payUsers: this.payUsers.size,
      orders: this.orders,
      gmv: round2(this.gmv),
      paid: round2(this.paid),
      clickRate: ratio(this.clickUsers.size, this.exposureUsers.size),
      conversion: ratio(this.payUsers.size, this.clickUsers.size),
      explaining: this.explaining,
      explainSeconds: Math.round((this.explainMs + running) / 1000),
      explainOrders: this.explainOrders,
      explainGmv: round2(this.explainGmv),
      buyIntents: this.buyIntents,
      hotBuy: this.hotBuy,
    };
  }
}

/** Distinct people, where an event without a userId is one more (unknowable) person. */
export class PeopleCounter {
  private readonly known = new DistinctCounter();
  private anonymous = 0;

  add(userId: string | undefined): boolean {
    if (userId === undefined) {
      this.anonymous++;
      return true;
    }
    return this.known.add(userId);
  }

  /** `n` people known only as a count (a platform's counters), each counted as an anonymous one is. */
  addAnonymous(n: number): void {
    this.anonymous += Math.max(0, n);
  }

  get size(): number {
    return this.known.size + this.anonymous;
  }

  checkpoint(): PeopleCheckpoint {
    return { known: this.known.checkpoint(), anonymous: this.anonymous };
  }

  restore(s: PeopleCheckpoint): void {
    this.known.restore(s.known);
    this.anonymous = s.anonymous;
  }
}

export interface PeopleCheckpoint {
  known: DistinctCheckpoint;
  anonymous: number;
}

export interface ProductCheckpoint {
  product: Product;
  catalogued: boolean;
  people: PeopleCheckpoint[];
  counts: [number, number, number, number, number, number, number];
  units: [number, number];
  explainMs: number;
  explainSince: number | null;
  /** [buyIntents, hotBuy]; absent in checkpoints written before purchase intents. */
  intent?: [number, number | null];
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
