// Orders, payments and refunds, room-wide and per product. GMV counts created orders, unpaid included
// (DOMAIN.md); 成交金额 (paid) counts payments. An order paid before we saw it created still counts as paid.
import type { CounterField, EventOf, Product } from '../../shared/events.ts';
import type { MinuteBuckets } from './minute-buckets.ts';
import { type PeopleCheckpoint, PeopleCounter, type ProductCheckpoint, ProductTracker } from './products.ts';

interface OrderInfo {
  productId: string;
  userId: string | undefined;
  paid: boolean;
  /** Created without an amount: GMV takes the payment's amount when it comes. */
  amountUnknown?: boolean;
}

export class CommerceTracker {
  readonly products = new Map<string, ProductTracker>();
  /** Orders are far fewer than viewers; kept so payments can be tied to people and products. */
  private readonly orderIndex = new Map<string, OrderInfo>();
  readonly roomExposureUsers = new PeopleCounter();
  readonly roomClickUsers = new PeopleCounter();
  readonly roomOrderUsers = new PeopleCounter();
  readonly roomPayUsers = new PeopleCounter();
  exposures = 0;
  clicks = 0;
  orders = 0;
  paidOrders = 0;
  gmv = 0;
  paid = 0;
  refunds = 0;
  explaining: string | null = null;
  sawCommerce = false;
  /** Fields the room has had counters for: counted from the counters only from then on (the feed's single
   * events of them are often a sample, and would count twice). */
  private readonly countedFields = new Set<CounterField>();

  constructor(private readonly minutes: MinuteBuckets) {}

  setCatalogue(catalogue: Product[]): void {
    for (const p of catalogue) {
      const existing = this.products.get(p.id);
      if (existing) existing.setInfo(p);
      else this.products.set(p.id, new ProductTracker(p));
    }
  }

  checkpoint(): CommerceCheckpoint {
    const people = [this.roomExposureUsers, this.roomClickUsers, this.roomOrderUsers, this.roomPayUsers];
    return {
      products: [...this.products.values()].map((p) => p.checkpoint()),
      orders: packOrders(this.orderIndex),
      people: people.map((p) => p.checkpoint()),
      counts: [this.exposures, this.clicks, this.orders, this.paidOrders, this.gmv, this.paid, this.refunds],
      explaining: this.explaining,
      sawCommerce: this.sawCommerce,
      counted: [...this.countedFields],
    };
  }

  restore(s: CommerceCheckpoint): void {
    this.products.clear();
    for (const p of s.products) this.products.set(p.product.id, ProductTracker.restore(p));
    this.orderIndex.clear();
    unpackOrders(s.orders, this.orderIndex);
    const people = [this.roomExposureUsers, this.roomClickUsers, this.roomOrderUsers, this.roomPayUsers];
    for (const [i, p] of people.entries()) p.restore(s.people[i]!);
    [this.exposures, this.clicks, this.orders, this.paidOrders, this.gmv, this.paid, this.refunds] = s.counts;
    this.explaining = s.explaining;
    this.sawCommerce = s.sawCommerce;
    this.countedFields.clear();
    for (const f of s.counted ?? []) this.countedFields.add(f);
  }

  product(id: string): ProductTracker {
    let p = this.products.get(id);
    if (!p) {
      // Events may name a product before the catalogue arrives: track it under its id until then.
      p = new ProductTracker({ id, name: id, price: 0, stock: 0 }, false);
      this.products.set(id, p);
    }
    return p;
  }

  exposure(e: EventOf<'product_exposure'>): void {
    this.sawCommerce = true;
    const p = this.product(e.productId);
    if (this.countedFields.has('cardExposures')) return;
    p.exposureUsers.add(e.userId);
    this.roomExposureUsers.add(e.userId);
    p.exposures++;
    this.exposures++;
    this.minutes.add(e.ts, 'productExposures');
  }

  click(e: EventOf<'product_click'>): void {
    this.sawCommerce = true;
    const p = this.product(e.productId);
    if (this.countedFields.has('clicks')) return;
    p.clickUsers.add(e.userId);
    this.roomClickUsers.add(e.userId);
    p.clicks++;
    this.clicks++;
    this.minutes.add(e.ts, 'clicks');
  }

  /** 正在去买 / 热抢: on the named product, else the one being explained; with neither, nowhere to show it. */
  purchaseIntent(e: EventOf<'purchase_intent'>): void {
    const id = e.productId ?? this.explaining;
    if (!id) return;
    const p = this.product(id);
    if (e.count) p.buyIntents += e.count;
    if (e.hot !== undefined) p.hotBuy = e.hot;
  }

  /** A platform's counters: the product's (and the room's) figures grow by the interval's counts. */
  counters(e: EventOf<'counters'>): void {
    this.sawCommerce = true;
    const p = e.productId === undefined ? null : this.product(e.productId);
    const n = (f: CounterField) => {
      const v = e[f];
      if (v !== undefined) this.countedFields.add(f);
      return v ?? 0;
    };
    const [exposures, clicks, orders, paidOrders, gmv, paid] = [
      n('cardExposures'),
      n('clicks'),
      n('orders'),
      n('paidOrders'),
      n('gmv'),
      n('paidAmount'),
    ];
    // People behind counts are unknown: each counted action is one person, as an anonymous event is.
    if (p) {
      p.exposures += exposures;
      p.clicks += clicks;
      p.addCounted(orders, gmv, paid);
      p.exposureUsers.addAnonymous(exposures);
      p.clickUsers.addAnonymous(clicks);
      p.orderUsers.addAnonymous(orders);
      p.payUsers.addAnonymous(paidOrders);
    }
    this.roomExposureUsers.addAnonymous(exposures);
    this.roomClickUsers.addAnonymous(clicks);
    this.roomOrderUsers.addAnonymous(orders);
    this.roomPayUsers.addAnonymous(paidOrders);
    this.exposures += exposures;
    this.clicks += clicks;
    this.orders += orders;
    this.gmv += gmv;
    this.paidOrders += paidOrders;
    this.paid += paid;
    this.minutes.add(e.ts, 'productExposures', exposures);
    this.minutes.add(e.ts, 'clicks', clicks);
    this.minutes.add(e.ts, 'orders', orders);
    this.minutes.add(e.ts, 'gmv', gmv);
    this.minutes.add(e.ts, 'paidOrders', paidOrders);
    this.minutes.add(e.ts, 'paid', paid);
  }

  orderCreated(e: EventOf<'order_created'>): void {
    this.sawCommerce = true;
    // A repeated orderId is the same order: counted, and its stock taken, once.
    if (this.orderIndex.has(e.orderId)) return;
    const info: OrderInfo = { productId: e.productId, userId: e.userId, paid: false };
    if (e.amountUnknown) info.amountUnknown = true;
    this.orderIndex.set(e.orderId, info);
    if (this.countedFields.has('orders')) return; // kept for its payment, counted by the counters
    const amount = e.amountUnknown ? 0 : e.amount;
    const p = this.product(e.productId);
    p.addOrder(amount, e.quantity ?? 1);
    p.orderUsers.add(e.userId);
    this.roomOrderUsers.add(e.userId);
    this.orders++;
    this.gmv += amount;
    this.minutes.add(e.ts, 'orders');
    this.minutes.add(e.ts, 'gmv', amount);
  }

  orderPaid(e: EventOf<'order_paid'>): void {
    this.sawCommerce = true;
    const order = this.orderIndex.get(e.orderId);
    if (order?.paid) return; // a second payment notice for the same order
    if (this.countedFields.has('paidOrders')) return;
    this.paidOrders++;
    this.paid += e.amount;
    this.minutes.add(e.ts, 'paid', e.amount);
    this.minutes.add(e.ts, 'paidOrders');
    if (!order) {
      this.roomPayUsers.add(undefined);
      return;
    }
    order.paid = true;
    const p = this.product(order.productId);
    if (order.amountUnknown) {
      // The order's amount arrives with its payment: it enters GMV now.
      order.amountUnknown = false;
      this.gmv += e.amount;
      p.gmv += e.amount;
      this.minutes.add(e.ts, 'gmv', e.amount);
    }
    p.paid += e.amount;
    p.payUsers.add(order.userId);
    this.roomPayUsers.add(order.userId);
  }

  refund(e: EventOf<'refund'>): void {
    this.refunds += e.amount;
  }

  /** Funnel event counts of the explained product, or of the room between segments. */
  funnelCounts(): { exposures: number; clicks: number; orders: number } {
    const p = this.explaining ? this.products.get(this.explaining) : undefined;
    return p ?? this;
  }

  explainStart(e: EventOf<'explain_start'>): void {
    if (this.explaining && this.explaining !== e.productId) this.product(this.explaining).endExplain(e.ts);
    this.explaining = e.productId;
    this.product(e.productId).startExplain(e.ts);
  }

  explainEnd(e: EventOf<'explain_end'>): void {
    this.product(e.productId).endExplain(e.ts);
    if (this.explaining === e.productId) this.explaining = null;
  }
}

export interface CommerceCheckpoint {
  products: ProductCheckpoint[];
  orders: PackedOrders;
  people: PeopleCheckpoint[];
  counts: [number, number, number, number, number, number, number];
  explaining: string | null;
  sawCommerce: boolean;
  /** Absent in checkpoints from before counters. */
  counted?: CounterField[];
}

/** Orders are most of a long room's checkpoint: columns instead of one object each parse several times faster. */
interface PackedOrders {
  ids: string[];
  products: string[];
  /** null: an anonymous order. */
  users: (string | null)[];
  /** One character per order, '1' when paid, '2' unpaid with its amount unknown, else '0'. */
  paid: string;
}

function packOrders(index: Map<string, OrderInfo>): PackedOrders {
  const out: PackedOrders = { ids: [], products: [], users: [], paid: '' };
  const paid: string[] = [];
  for (const [id, o] of index) {
    out.ids.push(id);
    out.products.push(o.productId);
    out.users.push(o.userId ?? null);
    paid.push(o.paid ? '1' : o.amountUnknown ? '2' : '0');
  }
  out.paid = paid.join('');
  return out;
}

function unpackOrders(p: PackedOrders, into: Map<string, OrderInfo>): void {
  for (let i = 0; i < p.ids.length; i++) {
    const o: OrderInfo = { productId: p.products[i]!, userId: p.users[i] ?? undefined, paid: p.paid[i] === '1' };
    if (p.paid[i] === '2') o.amountUnknown = true;
    into.set(p.ids[i]!, o);
  }
}
