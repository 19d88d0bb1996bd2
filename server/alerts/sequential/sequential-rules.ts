// The sequential strategy's side of the evaluator: the room's detectors fed with every event, one change
// statistic per drop rule, and 讲解无成交 sized to the room. The evaluator asks `judge` for each rule; null
// means "not mine, judge it by threshold".
import type { AlertRule } from '../../../shared/alerts.ts';
import type { LiveEvent } from '../../../shared/events.ts';
import type { AlertInput } from '../alert-input.ts';
import type { GaugeHistory } from '../gauge-history.ts';
import type { Judgement } from '../judge.ts';
import { ExplainRates } from './explain-rates.ts';
import { type DetectorPriors, RoomDetectors } from './room-detectors.ts';
import { isSequential, judgeSequential, newSeqState, type SeqState } from './sequential-judge.ts';

export class SequentialRules {
  readonly detectors: RoomDetectors;
  private readonly states = new Map<string, SeqState>();
  private readonly explain = new ExplainRates();
  private roomOrders = 0;
  private lastRoomOrderTs: number | null = null;

  constructor(priors?: DetectorPriors, v2 = false) {
    this.detectors = new RoomDetectors(priors, v2);
  }

  observe(e: LiveEvent): void {
    this.detectors.observe(e);
  }

  /** Once per second before the rules: closes the detectors' second. */
  step(input: AlertInput): void {
    this.detectors.step(input.ts, input.online, !input.offAir && !input.sourceDown);
    if (!input.offAir && !input.sourceDown) this.explain.step(input.explaining, input.counts.orders);
    if (input.counts.roomOrders > this.roomOrders) this.lastRoomOrderTs = input.ts;
    this.roomOrders = input.counts.roomOrders;
  }

  /** A rule's state is dropped with the rule. */
  forget(keep: (id: string) => boolean): void {
    for (const id of this.states.keys()) if (!keep(id)) this.states.delete(id);
  }

  /** The judgement of a sequential rule, or null for a rule judged by threshold. */
  judge(
    rule: AlertRule,
    input: AlertInput,
    gauges: GaugeHistory,
    quietS: number | null,
    firing: boolean,
  ): Judgement | null {
    if (rule.metric === 'explainNoOrdersSeconds' && rule.condition.kind === 'above')
      return this.quiet(rule, input, quietS);
    // An estimated watch time moves with online over arrivals, not with how long people stay: a fall of it is
    // no evidence that viewers leave sooner (the hierarchical detector only; v1 judged it as measured).
    if (this.detectors.v2 && rule.metric === 'avgWatchSeconds' && input.avgWatchEstimated)
      return { holds: null, value: input.avgWatchSeconds, baseline: null };
    if (!isSequential(rule)) return null;
    let st = this.states.get(rule.id);
    if (!st) {
      st = newSeqState(rule.metric, this.detectors.v2 === true);
      this.states.set(rule.id, st);
    }
    return judgeSequential(rule, input.ts, this.detectors, st, firing, gauges, input.online);
  }

  private quiet(rule: AlertRule, input: AlertInput, quietS: number | null): Judgement {
    const product = rule.productId ?? input.explaining;
    // A quiet spell counts from when the feed last came back: a blackout is no spell without orders.
    const resumed = this.detectors.resumedAt;
    if (quietS !== null) quietS = resumed === null ? null : Math.min(quietS, (input.ts - resumed) / 1000);
    // Any order in the room breaks the spell: after lost events the explained product may be stale, and the
    // previous product's late orders are sales of this segment too.
    if (quietS !== null && this.lastRoomOrderTs !== null)
      quietS = Math.min(quietS, (input.ts - this.lastRoomOrderTs) / 1000);
    const q =
      product && quietS !== null ? this.explain.quietLimit(product, (rule.condition as { value: number }).value) : null;
    if (!q || quietS === null) return { holds: null, value: quietS, baseline: null };
    const holds = quietS > q.limit;
    const evidence = {
      kind: 'quiet',
      metric: rule.metric,
      value: quietS,
      usual: q.rate,
      windowSeconds: quietS,
      sample: null,
    } as const;
    return { holds, value: quietS, baseline: q.limit, ...(holds ? { evidence } : {}) };
  }

  handOver(): DetectorPriors {
    return this.detectors.handOver();
  }

  /** Whether each funnel stage can be judged from this feed (v2; the old detector does not say). */
  stageStates(): ReturnType<RoomDetectors['stageStates']> | null {
    return this.detectors.v2 ? this.detectors.stageStates() : null;
  }
}
