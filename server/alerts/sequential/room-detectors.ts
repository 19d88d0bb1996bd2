// What the sequential rules read each second, built from the room's events: per stage and product the
// attributed successes and the expected ones against the product's own baseline (cohort-stage.ts,
// rate-baseline.ts), the room's entries against its usual arrival rate, and departures per online viewer
// against the usual hazard. Event time only; a second with no events for SILENCE_MS is not judged, so a feed
// that stops is never a dip.
import type { LiveEvent } from '../../../shared/events.ts';
import type { StageState } from '../../../shared/state.ts';
import { CohortStage } from './cohort-stage.ts';
import { HierBaseline } from './hier-baseline.ts';
import type { LagCdf } from './lag-cdf.ts';
import { type Pace, RateBaseline } from './rate-baseline.ts';

export const STAGES = ['click', 'order', 'pay'] as const;
export type Stage = (typeof STAGES)[number];
const SILENCE_MS = 10_000;
/** A room that usually sends this many events a second and sends none in one has lost its feed. */
const BUSY_EVENTS_PER_S = 3;
const EVENT_RATE_DECAY = 0.5 ** (1 / 60);
/** Arrivals and departures drift with the traffic (ads, slow waves): their baseline follows within a
 * minute, so only a change that shows sooner than that is told (a walk-out, ads switched off). */
const TRAFFIC_PACE: Pace = { halfLifeS: 60, holdMaxS: 60, minSeconds: 120 };
/** The second speed for arrivals: a reference that holds suspicious data back for up to 10 minutes, so a fall
 * that takes minutes to show (a gradual one, or any in a small room) cannot teach it; it still follows the
 * slow audience waves (±12 % over 20-odd minutes) with a half-life of 2 minutes. It learns only once the room
 * has filled (SLOW_FROM_S: the opening push is no norm) and is judged 4 minutes later. */
const SLOW_TRAFFIC_PACE: Pace = { halfLifeS: 120, holdMaxS: 600, minSeconds: 240 };
const SLOW_FROM_S = 300;
/** Mean lag prior per stage, seconds (click follows exposure at once in most feeds; payment takes longest). */
const LAG_PRIOR_S: Record<Stage, number> = { click: 5, order: 20, pay: 40 };
/** A card's click follows its exposure within seconds. */
const CLICK_WINDOW_S = 30;

/** One product's second on one stage: successes, new trials, and expected successes (null: not judged). */
export interface JudgedSecond {
  productId: string;
  x: number;
  n: number;
  m: number;
  mu0: number | null;
}

/** Per stage and product, the baseline carried into the room's next session (traffic is each session's own),
 * and each stage's lags. */
export type DetectorPriors = Partial<Record<Stage, Map<string, { x: number; m: number }>>> & {
  lags?: Partial<Record<Stage, LagCdf>>;
};
/** A stage's rates are judged once its lags rest on this many pairs (see LagCdf.seen). */
const LAG_MIN_SEEN = 30;

/** What each stage's trials and successes are: a stage whose trials never came cannot be judged. */
const NEEDS: Record<Stage, { trials: StageState; successes: StageState }> = {
  click: { trials: 'noExposures', successes: 'noClicks' },
  order: { trials: 'noClicks', successes: 'noOrders' },
  pay: { trials: 'noOrders', successes: 'noPayments' },
};

export class RoomDetectors {
  private readonly stages: Record<Stage, CohortStage>;
  private readonly base: Record<Stage, Map<string, RateBaseline>> = {
    click: new Map(),
    order: new Map(),
    pay: new Map(),
  };
  readonly entriesBase: RateBaseline;
  entriesSlowBase: RateBaseline;
  readonly exitsBase: RateBaseline;
  /** This second, per stage: what the rules judge. */
  readonly now: Record<Stage, JudgedSecond[]> = { click: [], order: [], pay: [] };
  entries = { x: 0, mu0: null as number | null };
  /** This second's arrivals against the slow reference. */
  entriesSlow = { x: 0, mu0: null as number | null };
  exits = { x: 0, mu0: null as number | null, online: 0 };
  silent = true;
  /** Event time the feed last came back after a silence (or began): quiet spells count from here. */
  resumedAt: number | null = null;
  /** The session's first judged second. */
  firstSec: number | null = null;
  private lastEventTs: number | null = null;
  private eventsSec = 0;
  private lastOnline = 0;
  private eventRate = 0;
  private entriesSec = 0;
  private exitsSec = 0;
  private readonly orderProduct = new Map<string, string>();

  private readonly priors: DetectorPriors;
  /** The hierarchical detector (counts-only conversion, counters, room rate × product factor); false: the
   * detector as it was (issue 8), kept for the bench. Absent in old checkpoints: the old detector. */
  readonly v2: boolean = false;
  /** Per stage, the room rate × product factor baseline (v2). */
  hier: Record<Stage, HierBaseline> | null = null;
  /** Per stage, whether a change statistic of the stage was above zero this second (v2: hold the baseline). */
  suspect: Record<Stage, boolean> | null = null;
  /** Counter fields the room has had: the single events of them are then not counted (v2). */
  counted: Record<string, boolean> | null = null;
  /** Trials and successes ever seen per stage (v2: judgeability). */
  seenCounts: Record<Stage, { trials: number; successes: number }> | null = null;
  private lastJudged: { sec: number; take: boolean } | null = null;

  constructor(priors: DetectorPriors = {}, v2 = false) {
    // The handed-over lags become the stages' own (kept once: a checkpoint restores no shared instances).
    const { lags: lag = {}, ...baselines } = priors;
    this.priors = baselines;
    this.stages = {
      click: new CohortStage(LAG_PRIOR_S.click, CLICK_WINDOW_S, lag.click),
      order: new CohortStage(LAG_PRIOR_S.order, undefined, lag.order),
      pay: new CohortStage(LAG_PRIOR_S.pay, undefined, lag.pay),
    };
    this.entriesBase = new RateBaseline(undefined, false, TRAFFIC_PACE);
    this.entriesSlowBase = new RateBaseline(undefined, false, SLOW_TRAFFIC_PACE);
    this.exitsBase = new RateBaseline(undefined, true, TRAFFIC_PACE);
    this.v2 = v2;
    if (v2) {
      this.hier = {
        click: new HierBaseline(baselines.click),
        order: new HierBaseline(baselines.order),
        pay: new HierBaseline(baselines.pay),
      };
      this.suspect = { click: false, order: false, pay: false };
      this.counted = {};
      this.seenCounts = {
        click: { trials: 0, successes: 0 },
        order: { trials: 0, successes: 0 },
        pay: { trials: 0, successes: 0 },
      };
      this.lastJudged = null;
    }
  }

  /** Per stage: judged, still learning the room's rate, or not judgeable from this feed and why. */
  stageStates(): Record<Stage, StageState> {
    const out = { click: 'judged', order: 'judged', pay: 'judged' } as Record<Stage, StageState>;
    for (const stage of STAGES) {
      const seen = this.seenCounts?.[stage];
      if (seen && seen.trials === 0) out[stage] = NEEDS[stage].trials;
      else if (seen && seen.successes === 0) out[stage] = NEEDS[stage].successes;
      else if (this.hier && this.hier[stage].x < 20) out[stage] = 'learning';
    }
    return out;
  }

  private seen(stage: Stage, what: 'trials' | 'successes', n = 1): void {
    if (this.seenCounts) this.seenCounts[stage][what] += n;
  }

  /** v2: one event of the funnel, counts-only successes credited to their product. */
  private observeV2(e: LiveEvent): void {
    const s = this.stages;
    const counted = this.counted!;
    const key = (u: string | undefined, p: string) => u && `${u}|${p}`;
    switch (e.type) {
      case 'product_exposure':
        if (counted.cardExposures) break;
        s.click.trial(e.ts, e.productId, key(e.userId, e.productId));
        this.seen('click', 'trials');
        break;
      case 'product_click':
        if (counted.clicks) break;
        s.click.success(e.ts, key(e.userId, e.productId), e.productId);
        s.order.trial(e.ts, e.productId, key(e.userId, e.productId));
        this.seen('click', 'successes');
        this.seen('order', 'trials');
        break;
      case 'order_created':
        if (this.orderProduct.has(e.orderId)) break;
        this.orderProduct.set(e.orderId, e.productId);
        if (!counted.orders) {
          s.order.success(e.ts, key(e.userId, e.productId), e.productId);
          this.seen('order', 'successes');
        }
        s.pay.trial(e.ts, e.productId, e.orderId);
        this.seen('pay', 'trials');
        break;
      case 'order_paid':
        if (s.pay.success(e.ts, e.orderId) !== null) this.seen('pay', 'successes');
        break;
      case 'counters': {
        if (e.productId === undefined) break; // a room's counts name no product: nothing to judge them against
        const mid = e.fromTs === undefined ? e.ts - 30_000 : (e.fromTs + e.ts) / 2;
        for (const f of ['cardExposures', 'clicks', 'orders'] as const) if (e[f] !== undefined) counted[f] = true;
        const { cardExposures: ce = 0, clicks = 0, orders = 0 } = e;
        s.click.trialsAt(e.ts, mid, e.productId, ce);
        s.click.credit(e.productId, clicks);
        s.order.trialsAt(e.ts, mid, e.productId, clicks);
        s.order.credit(e.productId, orders);
        this.seen('click', 'trials', ce);
        this.seen('click', 'successes', clicks);
        this.seen('order', 'trials', clicks);
        this.seen('order', 'successes', orders);
        break;
      }
      case 'viewer_enter':
        this.entriesSec++;
        break;
      case 'viewer_leave':
        this.exitsSec++;
        break;
    }
  }

  observe(e: LiveEvent): void {
    if (this.lastEventTs === null || e.ts > this.lastEventTs) this.lastEventTs = e.ts;
    this.eventsSec++;
    if (this.v2) {
      this.observeV2(e);
      return;
    }
    const s = this.stages;
    switch (e.type) {
      case 'product_exposure':
        s.click.trial(e.ts, e.productId, e.userId && `${e.userId}|${e.productId}`);
        break;
      case 'product_click':
        s.click.success(e.ts, e.userId && `${e.userId}|${e.productId}`);
        s.order.trial(e.ts, e.productId, e.userId && `${e.userId}|${e.productId}`);
        break;
      case 'order_created':
        if (this.orderProduct.has(e.orderId)) break; // a repeated order is one order
        this.orderProduct.set(e.orderId, e.productId);
        s.order.success(e.ts, e.userId && `${e.userId}|${e.productId}`);
        s.pay.trial(e.ts, e.productId, e.orderId);
        break;
      case 'order_paid':
        s.pay.success(e.ts, e.orderId);
        break;
      case 'viewer_enter':
        this.entriesSec++;
        break;
      case 'viewer_leave':
        this.exitsSec++;
        break;
    }
  }

  /** Closes the second ending at `ts`; `judged` false (source down, off air) keeps the baselines as they were. */
  step(ts: number, online: number, judged: boolean): void {
    const sec = Math.floor(ts / 1000);
    const wasSilent = this.silent;
    this.silent =
      this.lastEventTs === null ||
      ts - this.lastEventTs > SILENCE_MS ||
      (this.eventsSec === 0 && this.eventRate >= BUSY_EVENTS_PER_S);
    this.eventRate = this.eventRate * EVENT_RATE_DECAY + this.eventsSec * (1 - EVENT_RATE_DECAY);
    this.eventsSec = 0;
    const take = judged && !this.silent;
    if (!take) this.resumedAt = null;
    else if (wasSilent || this.resumedAt === null) this.resumedAt = ts;
    if (take) this.firstSec ??= sec;
    if (this.v2) this.learnV2();
    for (const stage of STAGES) {
      const out: JudgedSecond[] = [];
      const raw: { productId: string; x: number; n: number; m: number }[] = [];
      this.stages[stage].step(sec, raw);
      // Until the stage's lags are known, its matured trials are mis-weighed (LagCdf.seen): no baseline learns
      // from them and none is judged.
      const lagKnown = this.stages[stage].lag.seen >= LAG_MIN_SEEN;
      for (const r of raw) {
        if (this.v2) {
          // v2 judges through the lags' prior too (a slow prior under-expects: it can only hide a dip), and its
          // baselines learn after the rules have judged the second (learnV2).
          const pr = take ? this.hier![stage].prior(r.productId) : null;
          out.push({ ...r, mu0: pr === null ? null : ((pr.r * pr.a) / pr.b) * r.m });
          continue;
        }
        out.push({ ...r, mu0: take && lagKnown ? this.baseline(stage, r.productId).step(sec, r.x, r.m) : null });
      }
      this.now[stage] = out;
    }
    if (this.v2) this.lastJudged = { sec, take };
    this.entries = { x: this.entriesSec, mu0: take ? this.entriesBase.step(sec, this.entriesSec, 1) : null };
    // Checkpoints from before the slow reference restore without it: it starts afresh.
    this.entriesSlowBase ??= new RateBaseline(undefined, false, SLOW_TRAFFIC_PACE);
    const filled = this.firstSec !== null && sec - this.firstSec >= SLOW_FROM_S;
    this.entriesSlow = {
      x: this.entriesSec,
      mu0: take && filled ? this.entriesSlowBase.step(sec, this.entriesSec, 1) : null,
    };
    // Departures per viewer watching at the second's start (after a mass exit, online is already down).
    const watching = this.lastOnline;
    this.exits = {
      x: this.exitsSec,
      mu0: take && watching > 0 ? this.exitsBase.step(sec, this.exitsSec, watching) : null,
      online: watching,
    };
    this.lastOnline = online;
    this.entriesSec = 0;
    this.exitsSec = 0;
    if (this.orderProduct.size > 200_000) this.orderProduct.clear(); // bounded: only repeats within a session matter
  }

  /** v2: the last second's judged counts enter the baselines, held back where a rule found them suspicious. */
  private learnV2(): void {
    const last = this.lastJudged;
    for (const stage of STAGES) {
      if (last?.take) this.hier![stage].learn(last.sec, this.now[stage], this.suspect![stage]);
      this.suspect![stage] = false;
    }
  }

  /** The usual rate of a stage for one product (per effective trial), or null while thin. */
  usual(stage: Stage, productId: string): number | null {
    return this.base[stage].get(productId)?.rate() ?? null;
  }

  private baseline(stage: Stage, productId: string): RateBaseline {
    let b = this.base[stage].get(productId);
    if (!b) {
      b = new RateBaseline(this.priors[stage]?.get(productId));
      this.base[stage].set(productId, b);
    }
    return b;
  }

  /** For the room's next session: every baseline, weight halved (recent streams count most). */
  handOver(): DetectorPriors {
    const half = (t: { x: number; m: number }) => ({ x: t.x / 2, m: t.m / 2 });
    const out: DetectorPriors = { lags: {} };
    for (const stage of STAGES) {
      out.lags![stage] = this.stages[stage].lag.scaled(0.5);
      if (this.hier) {
        const m = new Map<string, { x: number; m: number }>();
        for (const [id, t] of this.hier[stage].totals()) m.set(id, half(t));
        out[stage] = m;
        continue;
      }
      const m = new Map<string, { x: number; m: number }>();
      for (const [id, p] of this.priors[stage] ?? []) m.set(id, half(p));
      for (const [id, b] of this.base[stage]) m.set(id, half(b.total()));
      out[stage] = m;
    }
    return out;
  }
}
