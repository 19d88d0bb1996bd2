// One room's engine: a pure function of the events it is fed, in event time. It reads no clock: the caller
// moves time forward with advanceTo() (wall time when live, virtual time in replays and tests), so a 4-hour
// stream replays in seconds and gives the same state as it did live.
import { HOT_WORDS_TOP_N } from '../../shared/constants.ts';
import type { LiveEvent, Product } from '../../shared/events.ts';
import { followRate, interactionRate } from '../../shared/metrics/audience.ts';
import { gpm, uvValue } from '../../shared/metrics/commerce.ts';
import { buildFunnel } from '../../shared/metrics/funnel.ts';
import { QUESTIONS_IN_STATE } from '../../shared/questions.ts';
import type { RoomState, SourceHealth } from '../../shared/state.ts';
import type { AlertInput } from '../alerts/alert-input.ts';
import { type AudienceCheckpoint, AudienceTracker } from './audience.ts';
import { changes5m, roundOrNull } from './change-5m.ts';
import { type CommerceCheckpoint, CommerceTracker } from './commerce.ts';
import { type HotWordsCheckpoint, HotWordTracker } from './hot-words.ts';
import { type InteractionCheckpoint, InteractionTracker } from './interaction.ts';
import { type Bucket, MinuteBuckets } from './minute-buckets.ts';
import { OnlineSeries } from './online-series.ts';
import { round2 } from './products.ts';
import { QuestionBook, type QuestionBookCheckpoint } from './questions/question-book.ts';
import type { Tokenizer } from './tokenizer-types.ts';

export interface EngineDeps {
  tokenizer: Tokenizer;
  /** false: no question detection (the questions bench compares the per-comment cost without it). */
  questions?: boolean;
}

/** A product as cues name it: `stock` is what is left now (null when the catalogue does not list it). */
export interface ProductFacts {
  id: string;
  name: string;
  price: number;
  stock: number | null;
}

export class RoomEngine {
  private readonly minutes = new MinuteBuckets();
  private readonly audience = new AudienceTracker(this.minutes);
  private readonly interaction = new InteractionTracker(this.minutes);
  private readonly commerce = new CommerceTracker(this.minutes);
  private readonly hotWords: HotWordTracker;
  /** The last ranking state() computed, for callers that keep the hot words they hold (see state()). */
  private lastHotWords: RoomState['hotWords'] | null = null;
  private readonly series = new OnlineSeries();
  /** Viewers' questions, grouped (null when deps.questions is false). */
  readonly questions: QuestionBook | null;
  private questionProducts: { id: string; name: string }[] = [];
  private roomExposures = 0;
  private time = 0;
  eventsApplied = 0;

  constructor(
    readonly roomId: string,
    private readonly deps: EngineDeps,
    catalogue: Product[] = [],
  ) {
    this.hotWords = new HotWordTracker(deps.tokenizer);
    this.questions = deps.questions === false ? null : new QuestionBook(deps.tokenizer);
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
    this.questionProducts = this.catalogue().map((p) => ({ id: p.id, name: p.name }));
  }

  /** The whole engine state as plain JSON-safe data (server/rooms/room-checkpoint.ts adds the envelope). */
  checkpoint(): EngineCheckpoint {
    return {
      minutes: this.minutes.checkpoint(),
      audience: this.audience.checkpoint(),
      interaction: this.interaction.checkpoint(),
      commerce: this.commerce.checkpoint(),
      hotWords: this.hotWords.checkpoint(),
      series: this.series.checkpoint(),
      roomExposures: this.roomExposures,
      time: this.time,
      eventsApplied: this.eventsApplied,
      ...(this.questions ? { questions: this.questions.checkpoint() } : {}),
    };
  }

  static restore(roomId: string, deps: EngineDeps, s: EngineCheckpoint): RoomEngine {
    const engine = new RoomEngine(roomId, deps);
    engine.minutes.restore(s.minutes);
    engine.audience.restore(s.audience);
    engine.interaction.restore(s.interaction);
    engine.commerce.restore(s.commerce);
    engine.hotWords.restore(s.hotWords);
    engine.series.restore(s.series);
    engine.roomExposures = s.roomExposures;
    engine.time = s.time;
    engine.eventsApplied = s.eventsApplied;
    engine.questionProducts = engine.catalogue().map((p) => ({ id: p.id, name: p.name }));
    if (s.questions) engine.questions?.restore(s.questions);
    return engine;
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
        if (e.userId) this.audience.enter(e.ts, e.userId);
        else this.audience.anonymousEnter(e.ts);
        break;
      case 'viewer_leave':
        this.audience.leave(e.ts, e.userId);
        break;
      case 'online_count':
        this.audience.setGauge(e.count);
        break;
      case 'viewer_total':
        this.audience.setViewerTotal(e.count);
        break;
      case 'room_exposure':
        this.roomExposures += e.count;
        break;
      case 'comment':
        this.interaction.comment(e);
        this.hotWords.addComment(e.ts, e.userId, e.text);
        this.questions?.add(e.ts, e.userId, e.text, {
          products: this.questionProducts,
          explaining: this.commerce.explaining,
        });
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
      case 'purchase_intent':
        this.commerce.purchaseIntent(e);
        break;
      case 'counters':
        this.commerce.counters(e);
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
      case 'marked_action':
        break; // the 复盘 ledger reads them from the store (server/effects)
    }
  }

  /** What the alert rules read, at the engine's current time. */
  alertInput(sourceDown: boolean, offAir = false): AlertInput {
    const now = this.time;
    const c = this.commerce;
    const { exposures, clicks, orders } = c.funnelCounts();
    return {
      ts: now,
      sourceDown,
      offAir,
      online: this.audience.count(),
      avgWatchSeconds: this.audience.avgWatchSeconds(now),
      avgWatchEstimated: this.audience.watchEstimated(),
      entriesPerMin: this.minutes.lastSum('entries', now),
      commentsPerMin: this.minutes.lastSum('comments', now),
      commentersPerMin: this.interaction.recentCommenters.count(now),
      negativePerMin: this.minutes.lastSum('negative', now),
      explaining: c.explaining,
      counts: {
        exposures,
        clicks,
        orders,
        paidOrders: c.paidOrders,
        roomOrders: c.orders,
        entries: this.audience.entries,
      },
      explainedStock: this.productInfo(c.explaining)?.stock ?? null,
      stockOf: (id) => this.productInfo(id)?.stock ?? null,
    };
  }

  /** Product facts for cue templates ({商品名} {价格} {库存}), with the remaining stock now. */
  productInfo(id: string | null): ProductFacts | null {
    const p = id ? this.commerce.products.get(id) : undefined;
    return p ? { id: p.info.id, name: p.info.name, price: p.info.price, stock: p.stock } : null;
  }

  private rankHotWords(now: number): RoomState['hotWords'] {
    this.lastHotWords = {
      '1m': this.hotWords.top('1m', now, HOT_WORDS_TOP_N),
      '5m': this.hotWords.top('5m', now, HOT_WORDS_TOP_N),
      session: this.hotWords.top('session', now, HOT_WORDS_TOP_N),
    };
    return this.lastHotWords;
  }

  onlineSeries(): [number, number][] {
    return this.series.toArray();
  }

  /**
   * The room's state now. `slowParts: false` is for a caller that will show the hot words it already holds
   * (screens refresh them once a second): the last ranking computed is reused instead of ranking three
   * windows again, which at 20 updates a second was the biggest cost of an update after the sends.
   */
  state(seq: number, source: SourceHealth, opts: { slowParts?: boolean } = {}): RoomState {
    const now = this.time;
    const a = this.audience;
    const c = this.commerce;
    const viewers = a.viewers.size;
    // A commenter was in the room: a sampled feed that shows fewer entries than commenters must not give a
    // 互动率 over 100 %. (No viewers at all, a barrage-only recording: the rates stay unknown.)
    const perViewer = viewers > 0 ? Math.max(viewers, this.interaction.commentUsers.size) : 0;
    const q = this.questions?.publish(now, QUESTIONS_IN_STATE);
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
      cumulativeViewers: a.viewerCount(),
      viewersSeen: viewers,
      feedShare: roundOrNull(a.feedShare(), 3),
      avgWatchSeconds: roundOrNull(a.avgWatchSeconds(now)),
      avgWatchEstimated: a.watchEstimated(),
      entriesPerMin: Math.round(this.minutes.lastSum('entries', now)),
      exitsPerMin: Math.round(this.minutes.lastSum('exits', now)),
      comments: this.interaction.comments,
      commentsPerMin: Math.round(this.minutes.lastSum('comments', now)),
      commentUsers: this.interaction.commentUsers.size,
      likes: this.interaction.likes,
      follows: this.interaction.followers.size,
      shares: this.interaction.shares,
      giftValue: round2(this.interaction.giftValue),
      interactionRate: interactionRate(this.interaction.commentUsers.size, perViewer),
      followRate: followRate(this.interaction.followers.size, perViewer),
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
      change5m: changes5m(this.minutes, now, a.count(), a.avgWatchSeconds(now)),
      products: [...c.products.values()].map((p) => p.stats(now)),
      hotWords: opts.slowParts === false && this.lastHotWords ? this.lastHotWords : this.rankHotWords(now),
      recentComments: this.interaction.recentComments(),
      source,
      ...(q ? { questions: q.top, questionStats: q.stats } : {}),
    };
  }
}

export interface EngineCheckpoint {
  minutes: Bucket[];
  audience: AudienceCheckpoint;
  interaction: InteractionCheckpoint;
  commerce: CommerceCheckpoint;
  hotWords: HotWordsCheckpoint;
  series: ReturnType<OnlineSeries['checkpoint']>;
  roomExposures: number;
  time: number;
  eventsApplied: number;
  /** Optional: checkpoints written before questions lack it. */
  questions?: QuestionBookCheckpoint;
}
