// Per-product funnel figures and explain segments (讲解). Unique people per stage are counted per product;
// anonymous events (no userId) count as one person each, since nothing can tell them apart.
import type { Product } from '../../shared/events.ts';
import { ratio } from '../../shared/metrics/ratio.ts';
import type { ProductStats } from '../../shared/state.ts';
import { DistinctCounter } from './sketch/distinct-counter.ts';

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
  private explainMs = 0;
  private explainSince: number | null = null;

  constructor(public info: Product) {}

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

  addOrder(amount: number): void {
    this.orders++;
    this.gmv += amount;
    if (this.explaining) {
      this.explainOrders++;
      this.explainGmv += amount;
    }
  }

  stats(nowTs: number): ProductStats {
    const running = this.explainSince === null ? 0 : Math.max(0, nowTs - this.explainSince);
    return {
      id: this.info.id,
      name: this.info.name,
      price: this.info.price,
      stock: this.info.stock,
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

  get size(): number {
    return this.known.size + this.anonymous;
  }
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
