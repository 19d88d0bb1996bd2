// One room's engine: a pure function of the events it is fed, in event time. It reads no clock: the caller
// moves time forward with advanceTo() (wall time when live, virtual time in replays and tests), so a 4-hour
// stream replays in seconds and gives the same state as it did live.
import { CHANGE_WINDOW_MINUTES, HOT_WORDS_TOP_N, WINDOW_MS } from '../../shared/constants.ts';
import type { LiveEvent, Product } from '../../shared/events.ts';
import { followRate, interactionRate } from '../../shared/metrics/audience.ts';
import { gpm, uvValue } from '../../shared/metrics/commerce.ts';
import { buildFunnel } from '../../shared/metrics/funnel.ts';
import { pctChange, ratio } from '../../shared/metrics/ratio.ts';
import type { Change, RoomState, SourceHealth } from '../../shared/state.ts';
import type { AlertInput } from '../alerts/alert-input.ts';
import { AudienceTracker } from './audience.ts';
import { CommerceTracker } from './commerce.ts';
import { HotWordTracker } from './hot-words.ts';
import { InteractionTracker } from './interaction.ts';
import { MinuteBuckets } from './minute-buckets.ts';
import { OnlineSeries } from './online-series.ts';
import { round2 } from './products.ts';
import type { Tokenizer } from './tokenizer-types.ts';

export interface EngineDeps {
  tokenizer: Tokenizer;
}

/** A product as cues name it: `stock` is what is left now (null when the catalogue does not list it). */
export interface ProductFacts {
  id: string;
  name: string;
  price: number;
  stock: number | null;
}

const CHANGE_MS = CHANGE_WINDOW_MINUTES * WINDOW_MS;

export class RoomEngine {
  private readonly minutes = new MinuteBuckets();
  private readonly audience = new AudienceTracker(this.minutes);
  private readonly interaction = new InteractionTracker(this.minutes);
  private readonly commerce = new CommerceTracker(this.minutes);
  private readonly hotWords: HotWordTracker;
  private readonly series = new OnlineSeries();
  private roomExposures = 0;
  private time = 0;
  eventsApplied = 0;

  constructor(
    readonly roomId: string,
    private readonly deps: EngineDeps,
    catalogue: Product[] = [],
  ) {
    this.hotWords = new HotWordTracker(deps.tokenizer);
    this.setCatalogue(catalogue);
  }

  get now(): number {
    return this.time;
  }

  /**
   * The catalogue as set (stock = the figures set, not what is left): a new session starts from it, as after a
   * restart the rebuild does from the stored catalogue. Products only events named are not part of it.
   */
  catalogue(): Product[] {
    return [...this.commerce.products.values()].filter((p) => p.inCatalogue).map((p) => p.info);
  }

  setCatalogue(catalogue: Product[]): void {
    this.commerce.setCatalogue(catalogue);
    this.deps.tokenizer.addWords(catalogue.map((p) => p.name));
  }

  /** Move engine time forward (never back) and sample the gauges for that moment. */
  advanceTo(ts: number): void {
    if (ts <= this.time) return;
    this.time = ts;
    const online = this.audience.count();
    this.series.sample(ts, online);
    this.minutes.setGauge(ts, 'online', online);
    this.minutes.setGauge(ts, 'avgWatchSeconds', this.audience.avgWatchSeconds(ts));
  }

  apply(e: LiveEvent): void {
    this.eventsApplied++;
    this.dispatch(e);
    this.advanceTo(e.ts);
  }

  private dispatch(e: LiveEvent): void {
    switch (e.type) {
      case 'viewer_enter':
        this.audience.enter(e.ts, e.userId);
        break;
      case 'viewer_leave':
        this.audience.leave(e.ts, e.userId);
        break;
      case 'online_count':
        this.audience.setGauge(e.count);
        break;
      case 'room_exposure':
        this.roomExposures += e.count;
        break;
      case 'comment':
        this.interaction.comment(e);
        this.hotWords.addComment(e.ts, e.userId, e.text);
        break;
      case 'like':
        this.interaction.like(e);
        break;
      case 'follow':
        this.interaction.follow(e);
        break;
      case 'share':
        this.interaction.share();
        break;
      case 'gift':
        this.interaction.gift(e);
        break;
      case 'product_exposure':
        this.commerce.exposure(e);
        break;
      case 'product_click':
        this.commerce.click(e);
        break;
      case 'order_created':
        this.commerce.orderCreated(e);
        break;
      case 'order_paid':
        this.commerce.orderPaid(e);
        break;
      case 'refund':
        this.commerce.refund(e);
        break;
      case 'explain_start':
        this.commerce.explainStart(e);
        break;
      case 'explain_end':
        this.commerce.explainEnd(e);
        break;
      case 'session_start':
      case 'session_end':
        break; // boundaries are the runtime's business (room-runtime.ts)
    }
  }

  /** What the alert rules read, at the engine's current time. */
  alertInput(sourceDown: boolean): AlertInput {
    const now = this.time;
    const c = this.commerce;
    const { exposures, clicks, orders } = c.funnelCounts();
    return {
      ts: now,
      sourceDown,
      online: this.audience.count(),
      avgWatchSeconds: this.audience.avgWatchSeconds(now),
      entriesPerMin: this.minutes.lastSum('entries', now),
      commentsPerMin: this.minutes.lastSum('comments', now),
      commentersPerMin: this.interaction.recentCommenters.count(now),
      negativePerMin: this.minutes.lastSum('negative', now),
      explaining: c.explaining,
      counts: { exposures, clicks, orders, paidOrders: c.paidOrders, entries: this.audience.entries },
      explainedStock: this.productInfo(c.explaining)?.stock ?? null,
      stockOf: (id) => this.productInfo(id)?.stock ?? null,
    };
  }

  /** Product facts for cue templates ({商品名} {价格} {库存}), with the remaining stock now. */
  productInfo(id: string | null): ProductFacts | null {
    const p = id ? this.commerce.products.get(id) : undefined;
    return p ? { id: p.info.id, name: p.info.name, price: p.info.price, stock: p.stock } : null;
  }

  onlineSeries(): [number, number][] {
    return this.series.toArray();
  }

  state(seq: number, source: SourceHealth): RoomState {
    const now = this.time;
    const a = this.audience;
    const c = this.commerce;
    const viewers = a.viewers.size;
    const funnel = buildFunnel({
      exposure: this.roomExposures,
      enter: viewers,
      productExposure: c.roomExposureUsers.size,
      productClick: c.roomClickUsers.size,
      orderCreated: c.roomOrderUsers.size,
      paid: c.roomPayUsers.size,
    });
    return {
      roomId: this.roomId,
      seq,
      ts: now,
      online: a.count(),
      peakOnline: a.peak,
      onlineFromEvents: a.fromEvents(),
      cumulativeViewers: viewers,
      avgWatchSeconds: roundOrNull(a.avgWatchSeconds(now)),
      entriesPerMin: Math.round(this.minutes.lastSum('entries', now)),
      exitsPerMin: Math.round(this.minutes.lastSum('exits', now)),
      comments: this.interaction.comments,
      commentsPerMin: Math.round(this.minutes.lastSum('comments', now)),
      commentUsers: this.interaction.commentUsers.size,
      likes: this.interaction.likes,
      follows: this.interaction.followers.size,
      shares: this.interaction.shares,
      giftValue: round2(this.interaction.giftValue),
      interactionRate: interactionRate(this.interaction.commentUsers.size, viewers),
      followRate: followRate(this.interaction.followers.size, viewers),
      funnel,
      orders: c.orders,
      paidOrders: c.paidOrders,
      gmv: round2(c.gmv),
      paid: round2(c.paid),
      refunds: round2(c.refunds),
      uvValue: roundOrNull(uvValue(c.paid, viewers)),
      gpm: roundOrNull(gpm(c.paid, a.entries)),
      hasCommerce: c.sawCommerce,
      explaining: c.explaining,
      change5m: this.changes(now),
      products: [...c.products.values()].map((p) => p.stats(now)),
      hotWords: {
        '1m': this.hotWords.top('1m', now, HOT_WORDS_TOP_N),
        '5m': this.hotWords.top('5m', now, HOT_WORDS_TOP_N),
        session: this.hotWords.top('session', now, HOT_WORDS_TOP_N),
      },
      recentComments: this.interaction.recentComments(),
      source,
    };
  }

  /** Last 5 minutes against the 5 before (环比), as the platforms' core cards show it. */
  private changes(now: number): RoomState['change5m'] {
    const m = this.minutes;
    const win = (field: Parameters<MinuteBuckets['windowSum']>[0], back: number) =>
      m.windowSum(field, now, now - CHANGE_MS * (back + 1), now - CHANGE_MS * back);
    const perMin = (field: Parameters<MinuteBuckets['windowSum']>[0]) =>
      change(win(field, 0) / CHANGE_WINDOW_MINUTES, win(field, 1) / CHANGE_WINDOW_MINUTES);
    const conv = (back: number) => ratio(win('paidOrders', back), win('entries', back));
    const gauge = (g: 'online' | 'avgWatchSeconds', cur: number | null) =>
      change(cur, m.gaugeAt(g, now, CHANGE_WINDOW_MINUTES));
    return {
      online: gauge('online', this.audience.count()),
      entriesPerMin: perMin('entries'),
      avgWatchSeconds: gauge('avgWatchSeconds', this.audience.avgWatchSeconds(now)),
      comments: perMin('comments'),
      gmv: change(win('gmv', 0), win('gmv', 1)),
      orders: change(win('orders', 0), win('orders', 1)),
      conversion: change(conv(0), conv(1)),
    };
  }
}

function change(now: number | null, prev: number | null): Change {
  return { now: roundOrNull(now, 4), prev: roundOrNull(prev, 4), pct: roundOrNull(pctChange(now, prev), 4) };
}

function roundOrNull(n: number | null, digits = 2): number | null {
  if (n === null || !Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
