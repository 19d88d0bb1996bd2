// A seeded, deterministic live-commerce room (pure: no clock, no I/O). Time advances in whole simulated
// seconds from `startTs`, each drawn from the same random stream whatever the caller's step sizes, so
// advance(t1); advance(t2) returns exactly what advance(t2) alone would. Magnitudes follow DOMAIN.md; dips
// are injected at known offsets so alert rules can be judged against ground truth.
import type { LiveEvent, Product } from '../../../shared/events.ts';
import { Audience } from './audience.ts';
import { Commerce, type FunnelDelays } from './commerce.ts';
import { defaultCatalogue } from './content.ts';
import type { SimContext } from './context.ts';
import { type DipSpec, type StageFactors, stageFactors } from './dips.ts';
import { Engagement } from './engagement.ts';
import { MinuteCounters, platformView } from './platform-feed.ts';
import { Rng } from './rng.ts';
import { RunOfShow, type ShowPace } from './run-of-show.ts';
import { SecondBuckets } from './second-buckets.ts';
import { sortSecond } from './sort-second.ts';
import { Traffic } from './traffic.ts';
import type { TruthSink } from './truth.ts';

export type { DipKind, DipSpec } from './dips.ts';

export interface SimulatorOptions {
  seed: number;
  startTs: number;
  /** Online viewers at the top of the ramp (default 300); waves move it ±12 %. */
  peakOnline?: number;
  /** Default: a generated catalogue of `productCount` (default 8) products with Chinese names. */
  products?: Product[];
  productCount?: number;
  dips?: DipSpec[];
  /** The stream ends here (rounded up to a whole second): the segment closes and everyone leaves; payments and
   * refunds still due arrive later. Default: it never ends. */
  durationMs?: number;
  /** Share of barrage, likes and shares without a userId, as some platforms send (default 0.05). */
  anonymousShare?: number;
  /** The shop: the generated catalogue and each product's click, order and pay rates come from this seed, so
   * two sessions with one catalogueSeed and different seeds are one shop on two days. Default: drawn from
   * `seed`'s own stream. */
  catalogueSeed?: number;
  /** Click → order → paid delays: 'instant' (the original simulator: order at the click) or 'realistic'. */
  delays?: FunnelDelays;
  /** A platform's public feed: only `share` of the viewer-side events arrive (barrage, likes, gifts, shares,
   * card exposures and clicks; orders come complete from the shop's push), and with `enterLeave` false no
   * entries or departures are sent, only an online_count every 5 s. `platform`: shaped like a platform's feed
   * (platform-feed.ts): sampled entries but no departures, online every 5 s, no card exposures, clicks without
   * viewer ids, orders under the shop's buyer ids. Default: everything, no counters. */
  feed?: { share?: number; enterLeave?: boolean; platform?: boolean };
  /** The pace of the run of show, drawn apart so a plan knows its switches (run-of-show.ts showSchedule). */
  show?: ShowPace;
  /** The session's shape: a multiplier of the target online by time since the start (shapes.ts). Default 1. */
  shape?: (offsetMs: number) => number;
  /** Ground truth of every trial and count (oracles only; it changes nothing the simulator draws). */
  truth?: TruthSink;
}

/** Events a sampled public feed may drop (DOMAIN.md: "抽样性发送消息"). */
const SAMPLED = new Set(['comment', 'like', 'gift', 'share', 'product_exposure', 'product_click', 'viewer_enter']);
const ONLINE_COUNT_EVERY_S = 5;
const COUNTERS_EVERY_S = 60;

export interface Simulator {
  readonly catalogue: Product[];
  readonly dips: DipSpec[];
  /** All events with ts < untilTs not yet returned, sorted by ts. untilTs may be infinite once durationMs is set. */
  advance(untilTs: number): LiveEvent[];
  /** Simulated time reached: every event before it has been returned. */
  readonly now: number;
}

/** Ramp-up from 10 % to full over the first minutes, as a room fills after going live. */
const RAMP_MS = 5 * 60_000;
const WAVE_PERIOD_MS = 23 * 60_000;
const WAVE_AMPLITUDE = 0.12;

export function createSimulator(opts: SimulatorOptions): Simulator {
  return new RoomSimulator(opts);
}

class RoomSimulator implements Simulator, SimContext {
  readonly catalogue: Product[];
  readonly dips: DipSpec[];
  readonly rng: Rng;
  readonly audience = new Audience();
  readonly anonymousShare: number;
  readonly truth?: TruthSink;
  private readonly base: number;
  private readonly endTs: number;
  private readonly peak: number;
  private readonly idPrefix: string;
  private readonly traffic = new Traffic(this);
  private readonly engagement = new Engagement(this);
  private readonly commerce: Commerce;
  private readonly share: number;
  private readonly enterLeave: boolean;
  private readonly platform: boolean;
  /** The platform's per-minute product counters (platform feeds). */
  private readonly minute = new MinuteCounters();
  private readonly show: RunOfShow;
  private readonly shape: (offsetMs: number) => number;
  private readonly scheduled = new SecondBuckets<LiveEvent>();
  /** Index of the next simulated second to generate (second k starts at base + k·1000). */
  private k = 0;
  private reached: number;
  private ended = false;
  private ids = 0;
  /** Events of the second being generated. */
  private current: LiveEvent[] = [];
  /** The part of the last generated second at or after the last untilTs, sorted. */
  private held: LiveEvent[] = [];

  constructor(opts: SimulatorOptions) {
    this.rng = new Rng(opts.seed);
    this.idPrefix = `s${opts.seed}-`;
    this.base = Math.ceil(opts.startTs);
    this.reached = this.base;
    this.peak = Math.max(0, opts.peakOnline ?? 300);
    this.anonymousShare = opts.anonymousShare ?? 0.05;
    if (opts.truth) this.truth = opts.truth;
    this.endTs =
      opts.durationMs === undefined ? Number.POSITIVE_INFINITY : this.base + Math.ceil(opts.durationMs / 1000) * 1000;
    const shop = opts.catalogueSeed === undefined ? this.rng : new Rng(opts.catalogueSeed);
    this.catalogue = opts.products ?? defaultCatalogue(opts.productCount ?? 8, shop);
    this.dips = opts.dips ?? [];
    this.commerce = new Commerce(this, opts.seed, opts.delays);
    this.share = Math.min(1, Math.max(0, opts.feed?.share ?? 1));
    this.platform = opts.feed?.platform ?? false;
    this.enterLeave = opts.feed?.enterLeave ?? true;
    this.show = new RunOfShow(this.catalogue, this, shop, opts.show);
    this.shape = opts.shape ?? (() => 1);
  }

  get now(): number {
    return this.reached;
  }

  id(): string {
    return this.idPrefix + this.ids++;
  }

  emit(e: LiveEvent): void {
    if (this.platform && (e.type === 'product_exposure' || e.type === 'product_click')) this.minute.add(e);
    if (this.platform) {
      const seen = platformView(e);
      if (!seen) return;
      e = seen;
    } else if (!this.enterLeave && (e.type === 'viewer_enter' || e.type === 'viewer_leave')) return;
    if (this.share < 1 && SAMPLED.has(e.type) && !this.rng.chance(this.share)) return;
    this.current.push(e);
  }

  later(e: LiveEvent): void {
    this.scheduled.add(this.k, Math.floor((e.ts - this.base) / 1000), e);
  }

  advance(untilTs: number): LiveEvent[] {
    if (Number.isNaN(untilTs) || (untilTs === Number.POSITIVE_INFINITY && this.endTs === Number.POSITIVE_INFINITY)) {
      throw new RangeError('advance() needs a finite time unless the stream has a durationMs');
    }
    if (untilTs <= this.reached) return [];
    const out: LiveEvent[] = [];
    this.release(this.held, untilTs, out);
    while (this.base + this.k * 1000 < untilTs && !this.finished()) {
      this.release(this.generateSecond(), untilTs, out);
    }
    this.reached = untilTs;
    return out;
  }

  /** Sorted events before `untilTs` go out; the rest of the second waits for the next call. */
  private release(sorted: LiveEvent[], untilTs: number, out: LiveEvent[]): void {
    const held: LiveEvent[] = [];
    for (const e of sorted) (e.ts < untilTs ? out : held).push(e);
    this.held = held;
  }

  private finished(): boolean {
    return this.ended && this.scheduled.size === 0;
  }

  private generateSecond(): LiveEvent[] {
    const k = this.k;
    const t = this.base + k * 1000;
    this.current = [];
    if (!this.ended && t >= this.endTs) this.close(t);
    this.traffic.leave(k);
    for (const e of this.scheduled.take(k)) this.current.push(e);
    if (!this.ended) this.live(k, t);
    this.k++;
    return sortSecond(this.current, t);
  }

  private live(k: number, t: number): void {
    const f = this.factors(t);
    const target = this.targetOnline(t, f);
    this.traffic.arrive(k, t, target, f.arrivals, this.targetOnline(t, { ...f, online: 1 }));
    if (f.online < 1) this.traffic.walkOut(t, target);
    if (this.platform && k > 0 && k % COUNTERS_EVERY_S === 0) {
      for (const e of this.minute.flush(t - COUNTERS_EVERY_S * 1000, t)) this.current.push(e);
    }
    if ((!this.enterLeave || this.platform) && k % ONLINE_COUNT_EVERY_S === 0) {
      this.current.push({ type: 'online_count', ts: t, id: this.id(), count: this.audience.size });
    }
    const rates = this.show.step(t);
    this.engagement.second(t, rates?.product.name ?? null);
    if (rates) this.commerce.second(t, rates, f);
  }

  private close(t: number): void {
    this.ended = true;
    this.show.end(t);
    this.traffic.close(t);
  }

  private targetOnline(t: number, f: StageFactors): number {
    const off = t - this.base;
    const ramp = Math.min(1, 0.1 + (0.9 * off) / RAMP_MS);
    const wave = 1 + WAVE_AMPLITUDE * Math.sin((2 * Math.PI * off) / WAVE_PERIOD_MS);
    return this.peak * ramp * wave * f.online * this.shape(off);
  }

  private factors(t: number): StageFactors {
    return stageFactors(this.dips, t - this.base);
  }
}
