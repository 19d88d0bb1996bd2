// A seeded, deterministic live-commerce room. Time advances in whole simulated seconds, each generated with
// the same random draws whatever the caller's step size, so advance(t1); advance(t2) equals advance(t2).
// Magnitudes follow ../shared/DOMAIN.md: most viewers leave within a minute, a few stay for hours; exposure →
// click 5–20 %, click → order 5–20 %, order → paid 60–90 %. Dips are injected at known offsets.
import type { LiveEvent, Product } from '../../../shared/events.ts';
import { barrageLine, defaultCatalogue, SPAM_LINES } from './content.ts';
import { TimeHeap } from './heap.ts';
import { Rng } from './rng.ts';
import { type ProductRates, RunOfShow } from './run-of-show.ts';

export interface DipSpec {
  kind: 'retention' | 'conversion';
  /** Offset from the start, ms. */
  atMs: number;
  durationMs: number;
  /** 0..1: 0.5 halves online viewers (retention) or click and order rates (conversion). */
  depth: number;
}

export interface SimulatorOptions {
  seed: number;
  startTs: number;
  peakOnline?: number;
  products?: Product[];
  productCount?: number;
  dips?: DipSpec[];
  /** Share of barrage, likes and shares without a userId, as some platforms send. */
  anonymousShare?: number;
}

export interface Simulator {
  readonly catalogue: Product[];
  readonly dips: DipSpec[];
  /** Every event of the whole simulated seconds before `untilTs` not yet returned, sorted by ts. */
  advance(untilTs: number): LiveEvent[];
  readonly now: number;
}

type Scheduled = { kind: 'leave'; userId: string; stay: number } | { kind: 'event'; event: LiveEvent };

const RAMP_MS = 5 * 60_000;

export function createSimulator(opts: SimulatorOptions): Simulator {
  return new RoomSimulator(opts);
}

class RoomSimulator implements Simulator {
  readonly catalogue: Product[];
  readonly dips: DipSpec[];
  private readonly rng: Rng;
  private readonly peak: number;
  private readonly anon: number;
  private readonly show: RunOfShow;
  private readonly heap = new TimeHeap<Scheduled>();
  private readonly online: string[] = [];
  private readonly slot = new Map<string, number>();
  private sec: number;
  private nextUser = 0;
  private nextId = 0;
  private pendingExposure = 0;
  private spamLeft = 0;
  private spammer = '';
  private out: LiveEvent[] = [];

  constructor(private readonly opts: SimulatorOptions) {
    this.rng = new Rng(opts.seed);
    this.peak = opts.peakOnline ?? 300;
    this.anon = opts.anonymousShare ?? 0.05;
    this.catalogue = opts.products ?? defaultCatalogue(opts.productCount ?? 8, this.rng);
    this.dips = opts.dips ?? [];
    this.show = new RunOfShow(this.catalogue, this.rng);
    this.sec = Math.floor(opts.startTs / 1000);
  }

  get now(): number {
    return this.sec * 1000;
  }

  advance(untilTs: number): LiveEvent[] {
    this.out = [];
    while ((this.sec + 1) * 1000 <= untilTs) {
      const before = this.out.length;
      this.simulateSecond(this.sec * 1000);
      const chunk = this.out.splice(before).sort((a, b) => a.ts - b.ts);
      this.out.push(...chunk);
      this.sec++;
    }
    return this.out;
  }

  private emit(e: LiveEvent): void {
    this.out.push({ ...e, id: `s${this.opts.seed}-${this.nextId++}` });
  }

  private dip(kind: DipSpec['kind'], t: number): number {
    const off = t - this.opts.startTs;
    let factor = 1;
    for (const d of this.dips)
      if (d.kind === kind && off >= d.atMs && off < d.atMs + d.durationMs) factor *= 1 - d.depth;
    return factor;
  }

  private simulateSecond(t: number): void {
    this.departures(t);
    this.arrivals(t);
    this.retentionDip(t);
    this.interaction(t);
    const rates = this.show.step(t, (e) => this.emit(e));
    if (rates) this.commerce(t, rates);
  }

  private targetOnline(t: number): number {
    const off = t - this.opts.startTs;
    const ramp = Math.min(1, 0.1 + (0.9 * off) / RAMP_MS);
    const wave = 1 + 0.12 * Math.sin((2 * Math.PI * off) / (23 * 60_000));
    return this.peak * ramp * wave * this.dip('retention', t);
  }

  private stayMs(): number {
    const r = this.rng.next();
    if (r < 0.75) return this.rng.exp(20_000) + 1000;
    if (r < 0.97) return this.rng.exp(90_000) + 1000;
    const pareto = 240_000 / (1 - this.rng.next()) ** (1 / 1.5);
    return Math.min(pareto, 4 * 3_600_000);
  }

  private arrivals(t: number): void {
    const target = this.targetOnline(t);
    const meanStaySec = 55;
    const rate = Math.max(0, target / meanStaySec + (target - this.online.length) / 30);
    const n = this.rng.poisson(rate);
    this.pendingExposure += n * this.rng.range(3, 10);
    for (let i = 0; i < n; i++) {
      const ts = t + this.rng.int(1000);
      const userId = `u${this.nextUser++}`;
      this.slot.set(userId, this.online.length);
      this.online.push(userId);
      this.emit({ type: 'viewer_enter', ts, userId });
      const stay = this.stayMs();
      this.heap.push(ts + stay, { kind: 'leave', userId, stay });
    }
    if (this.pendingExposure >= 1 && this.rng.chance(0.2)) {
      this.emit({ type: 'room_exposure', ts: t, count: Math.round(this.pendingExposure) });
      this.pendingExposure = 0;
    }
  }

  private departures(t: number): void {
    while (this.heap.peekTs() < t + 1000) {
      const popped = this.heap.pop()!;
      const item = popped.item;
      const ts = Math.round(popped.ts); // stays and payment delays are drawn as real numbers
      if (item.kind === 'event') this.out.push({ ...item.event, ts: Math.max(ts, t) });
      else if (this.slot.has(item.userId)) this.leave(item.userId, Math.max(ts, t));
    }
  }

  private leave(userId: string, ts: number): void {
    const i = this.slot.get(userId)!;
    const last = this.online.pop()!;
    if (last !== userId) {
      this.online[i] = last;
      this.slot.set(last, i);
    }
    this.slot.delete(userId);
    this.emit({ type: 'viewer_leave', ts, userId });
  }

  /** During a retention dip, viewers walk out faster than the arrival cut alone would show. */
  private retentionDip(t: number): void {
    const factor = this.dip('retention', t);
    if (factor >= 1) return;
    const n = this.rng.poisson((this.online.length * (1 - factor)) / 45);
    for (let i = 0; i < n && this.online.length > 0; i++)
      this.leave(this.rng.pick(this.online), t + this.rng.int(1000));
  }

  private viewer(allowAnonymous: boolean): string | undefined {
    if (this.online.length === 0) return undefined;
    if (allowAnonymous && this.rng.chance(this.anon)) return undefined;
    return this.rng.pick(this.online);
  }

  private interaction(t: number): void {
    const online = this.online.length;
    const product = this.show.current?.name ?? null;
    for (let i = this.rng.poisson((online * 0.12) / 60); i > 0; i--) {
      const userId = this.viewer(true);
      this.emit({
        type: 'comment',
        ts: t + this.rng.int(1000),
        ...(userId ? { userId } : {}),
        text: barrageLine(this.rng, product),
      });
    }
    this.spam(t);
    for (let i = this.rng.poisson((online * 0.6) / 60); i > 0; i--) {
      const userId = this.viewer(true);
      this.emit({
        type: 'like',
        ts: t + this.rng.int(1000),
        ...(userId ? { userId } : {}),
        count: 1 + this.rng.int(20),
      });
    }
    for (let i = this.rng.poisson((online * 0.04) / 60); i > 0; i--) {
      const userId = this.viewer(false);
      if (userId) this.emit({ type: 'follow', ts: t + this.rng.int(1000), userId });
    }
    if (this.rng.chance((online * 0.01) / 60)) this.emit({ type: 'share', ts: t + this.rng.int(1000) });
    if (this.rng.chance((online * 0.01) / 60)) {
      const userId = this.viewer(false);
      if (userId)
        this.emit({ type: 'gift', ts: t + this.rng.int(1000), userId, name: '小心心', value: 1 + this.rng.int(50) });
    }
  }

  /** Now and then one viewer floods the barrage with one phrase: hot words must not take it for a trend. */
  private spam(t: number): void {
    if (this.spamLeft === 0 && this.rng.chance(1 / 900)) {
      const who = this.viewer(false);
      if (who) {
        this.spammer = who;
        this.spamLeft = 20 + this.rng.int(30);
      }
    }
    if (this.spamLeft > 0) {
      this.spamLeft--;
      this.emit({
        type: 'comment',
        ts: t + this.rng.int(1000),
        userId: this.spammer,
        text: SPAM_LINES[this.spamLeft % SPAM_LINES.length]!,
      });
    }
  }

  private commerce(t: number, r: ProductRates): void {
    const conv = this.dip('conversion', t);
    for (let i = this.rng.poisson(this.online.length * 0.015); i > 0; i--) {
      const userId = this.viewer(false);
      if (!userId) return;
      const ts = t + this.rng.int(1000);
      this.emit({ type: 'product_exposure', ts, productId: r.product.id, userId });
      if (!this.rng.chance(r.click * conv)) continue;
      this.emit({ type: 'product_click', ts, productId: r.product.id, userId });
      if (!this.rng.chance(r.order * conv)) continue;
      const quantity = this.rng.chance(0.85) ? 1 : 2;
      const orderId = `o${this.opts.seed}-${this.nextId}`;
      const amount = r.product.price * quantity;
      this.emit({ type: 'order_created', ts, orderId, productId: r.product.id, userId, amount, quantity });
      if (!this.rng.chance(r.pay)) continue;
      const paidAt = Math.round(ts + 3000 + this.rng.exp(20_000));
      this.heap.push(paidAt, {
        kind: 'event',
        event: { type: 'order_paid', ts: paidAt, orderId, amount, id: `${orderId}-paid` },
      });
      if (this.rng.chance(0.02)) {
        const at = Math.round(paidAt + 60_000 + this.rng.exp(300_000));
        this.heap.push(at, {
          kind: 'event',
          event: { type: 'refund', ts: at, orderId, amount, id: `${orderId}-refund` },
        });
      }
    }
  }
}
