// Drives one labelled stream (server/sources/simulator/families.ts) through the real engine in process, on
// event time, second by second as the runtime closes seconds, with one alert evaluator per strategy reading
// the same engine: both detectors judge exactly the same input. A repeat stream first plays the shop's earlier
// session (its false alarms count too), then hands over to the next session as the runtime does. A blackout
// (the feed stops for a few minutes) marks the source down after SOURCE_STALE_MS, as a silent push source is.
import { AlertEvaluator, type Strategy } from '../server/alerts/alert-evaluator.ts';
import { CLASSIC_RULES, DEFAULT_RULES } from '../server/alerts/default-rules.ts';
import { RoomEngine } from '../server/engine/room-engine.ts';
import type { StreamPlan } from '../server/sources/simulator/families.ts';
import { createSimulator, type SimulatorOptions } from '../server/sources/simulator/simulator.ts';
import type { Alert } from '../shared/alerts.ts';
import { SOURCE_STALE_MS } from '../shared/constants.ts';
import type { LiveEvent } from '../shared/events.ts';

export const STRATEGIES: Strategy[] = ['classic', 'sequential'];
const RULES: Record<Strategy, typeof DEFAULT_RULES> = { classic: CLASSIC_RULES, sequential: DEFAULT_RULES };
const tokenizer = { tokenize: () => [], addWords: () => {} };

export interface Blackout {
  startTs: number;
  endTs: number;
}

export interface StreamRun {
  plan: StreamPlan;
  raised: Record<Strategy, Alert[]>;
  /** Event-time span judged, ms (both sessions). */
  judgedMs: number;
  /** The main session's delivered events (for the detectability bound). */
  tally: Tally;
  /** Funnel trials per product delivered in the earlier session (repeat streams), for the bound. */
  previousTrials: ProductCounts;
  blackout: Blackout | null;
}

/** The main session's delivered events of the funnel and audience (timestamps; funnel ones also per
 * product), and online per second. */
export type Tally = Record<TallyKey, number[]> & { byProduct: Record<FunnelKey, Map<string, number[]>> };
export type FunnelKey = 'product_exposure' | 'product_click' | 'order_created' | 'order_paid';
const FUNNEL_KEYS: FunnelKey[] = ['product_exposure', 'product_click', 'order_created', 'order_paid'];
/** Events per funnel key and product. */
export type ProductCounts = Record<FunnelKey, Map<string, number>>;
export type TallyKey =
  | 'product_exposure'
  | 'product_click'
  | 'order_created'
  | 'order_paid'
  | 'viewer_enter'
  | 'viewer_leave'
  | 'online';
const TALLY_KEYS: TallyKey[] = [
  'product_exposure',
  'product_click',
  'order_created',
  'order_paid',
  'viewer_enter',
  'viewer_leave',
  'online',
];

interface Session {
  engine: RoomEngine;
  evaluators: Record<Strategy, AlertEvaluator>;
}

/** Records one delivered event: in the tally (main session) or only per product (earlier session). */
class Recorder {
  private readonly orderProduct = new Map<string, string>();

  constructor(
    private readonly tally: Tally | null,
    private readonly counts: ProductCounts | null,
  ) {}

  add(e: LiveEvent): void {
    const t = this.tally;
    if (t && (TALLY_KEYS as string[]).includes(e.type)) t[e.type as TallyKey].push(e.ts);
    let productId: string | undefined;
    if (e.type === 'order_created') this.orderProduct.set(e.orderId, e.productId);
    if (e.type === 'order_paid') productId = this.orderProduct.get(e.orderId);
    else if ('productId' in e && typeof e.productId === 'string') productId = e.productId;
    if (productId === undefined || !(FUNNEL_KEYS as string[]).includes(e.type)) return;
    const key = e.type as FunnelKey;
    if (t) {
      const m = t.byProduct[key];
      const list = m.get(productId) ?? [];
      list.push(e.ts);
      m.set(productId, list);
    }
    if (this.counts) this.counts[key].set(productId, (this.counts[key].get(productId) ?? 0) + 1);
  }
}

function play(
  s: Session,
  opts: SimulatorOptions,
  untilMs: number,
  raised: StreamRun['raised'],
  rec: Recorder,
  tally: Tally | null,
  blackout: Blackout | null,
): void {
  const sim = createSimulator(opts);
  let lastDelivery = opts.startTs;
  for (let t = opts.startTs + 1000; t <= opts.startTs + untilMs; t += 1000) {
    let events = sim.advance(t);
    if (blackout && t > blackout.startTs && t <= blackout.endTs) events = [];
    if (events.length > 0) lastDelivery = t;
    for (const e of events) {
      s.engine.apply(e);
      for (const k of STRATEGIES) s.evaluators[k].observe(e);
      rec.add(e);
    }
    s.engine.advanceTo(t - 1);
    tally?.online.push(s.engine.alertInput(false).online);
    const input = s.engine.alertInput(t - lastDelivery > SOURCE_STALE_MS);
    for (const k of STRATEGIES) {
      for (const ev of s.evaluators[k].evaluate(input)) if (ev.type === 'raised') raised[k].push(ev.alert);
    }
  }
}

/** Plays the stream (after its shop's earlier session, if any); the main session's delivered events are tallied,
 * and the earlier session's funnel trials counted per product, for the detectability bound. */
export function runStream(plan: StreamPlan, blackout: Blackout | null = null): StreamRun {
  const sim0 = createSimulator(plan.options);
  const catalogue = sim0.catalogue;
  const raised: StreamRun['raised'] = { classic: [], sequential: [] };
  const mk = (evaluators: Session['evaluators']): Session => ({
    engine: new RoomEngine('bench', { tokenizer }, catalogue),
    evaluators,
  });
  let s = mk({
    classic: new AlertEvaluator(RULES.classic, {}, 'classic'),
    sequential: new AlertEvaluator(RULES.sequential, {}, 'sequential'),
  });
  let judgedMs = 0;
  const previousTrials = Object.fromEntries(FUNNEL_KEYS.map((k) => [k, new Map()])) as ProductCounts;
  if (plan.previous) {
    // Played while still live: the close (everyone leaves at once) is not what is measured here.
    const { durationMs, ...live } = plan.previous;
    play(s, live, (durationMs ?? 0) - 1000, raised, new Recorder(null, previousTrials), null, null);
    judgedMs += durationMs ?? 0;
    s = mk({ classic: s.evaluators.classic.nextSession(), sequential: s.evaluators.sequential.nextSession() });
  }
  const tally = {
    ...Object.fromEntries(TALLY_KEYS.map((k) => [k, []])),
    byProduct: Object.fromEntries(FUNNEL_KEYS.map((k) => [k, new Map()])),
  } as unknown as Tally;
  const { durationMs, ...live } = plan.options;
  play(s, live, (durationMs ?? 0) - 1000, raised, new Recorder(tally, null), tally, blackout);
  judgedMs += durationMs ?? 0;
  return { plan, raised, judgedMs, tally, previousTrials, blackout };
}
