// 讲解无成交 sized to the room: how many orders a product usually brings per second while it is explained (its
// own record once it has MIN_ORDERS, else a quarter of the room's, as products differ several-fold), so the
// quiet spell that calls for an alert is the one that chance alone explains less than once in QUIET_ODDS
// (P(no order in t) = e^(−λt)): three quiet minutes are news in a big room, normal in a 50-viewer one.
const MIN_ORDERS = 5;
const QUIET_ODDS = 1000;

export class ExplainRates {
  private readonly byProduct = new Map<string, { orders: number; seconds: number }>();
  private room = { orders: 0, seconds: 0 };
  private product: string | null = null;
  private lastOrders = 0;

  /** One second of the explained product (null between segments) with its cumulative created orders. */
  step(explaining: string | null, orders: number): void {
    if (explaining !== this.product) {
      this.product = explaining;
      this.lastOrders = orders;
    }
    if (!explaining) return;
    const gained = Math.max(0, orders - this.lastOrders);
    this.lastOrders = orders;
    let p = this.byProduct.get(explaining);
    if (!p) {
      p = { orders: 0, seconds: 0 };
      this.byProduct.set(explaining, p);
    }
    p.orders += gained;
    p.seconds += 1;
    this.room.orders += gained;
    this.room.seconds += 1;
  }

  /** Usual orders per second of the product while explained, or null while the room has shown too few. */
  rate(productId: string): number | null {
    const p = this.byProduct.get(productId);
    if (p && p.orders >= MIN_ORDERS) return p.orders / p.seconds;
    if (this.room.orders < MIN_ORDERS) return null;
    return this.room.orders / this.room.seconds / 4;
  }

  /** Seconds without an order that call for the alert: at least the rule's own threshold. */
  quietLimit(productId: string, ruleSeconds: number): { limit: number; rate: number } | null {
    const rate = this.rate(productId);
    if (rate === null || rate <= 0) return null;
    return { limit: Math.max(ruleSeconds, Math.log(QUIET_ODDS) / rate), rate };
  }
}
