// Runs a room's alert rules once per second of event time. Pure: no clock, no I/O; the caller stores and
// broadcasts the events it returns. A source that is down is its own alert and silences the data rules, so
// missing data never reads as a dip. Two strategies: 'sequential' (default) judges drop rules of counted
// metrics by change detection on cohort counts (sequential/), 'classic' is the detector as it was before
// (windowed rates against a moving baseline), kept selectable so the benchmark compares both on one stream.
import { type Alert, type AlertMetric, type AlertRule, PRODUCT_METRICS } from '../../shared/alerts.ts';
import type { LiveEvent } from '../../shared/events.ts';
import type { RoomState } from '../../shared/state.ts';
import type { OutlookGauges } from '../outlook/outlook-rules.ts';
import type { AlertInput } from './alert-input.ts';
import { CountHistory, type CountHistoryCheckpoint, type ProductPriors } from './count-history.ts';
import { GaugeHistory } from './gauge-history.ts';
import { type Basis, type Histories, type Judgement, judge } from './judge.ts';
import { RuleState, type RuleStateCheckpoint } from './rule-state.ts';
import type { DetectorPriors } from './sequential/room-detectors.ts';
import { SequentialRules } from './sequential/sequential-rules.ts';
import { fromPlain, type Plain, toPlain } from './sequential/snapshot.ts';

export type AlertEvent = { type: 'raised' | 'updated' | 'resolved'; alert: Alert };
type Gauges = Partial<Record<AlertMetric, number | null>>;
/** 'sequential': the hierarchical detector (room rate × product factor, depths unknown, counts-only feeds);
 * 'sequential-v1': the sequential detector as issue 8 left it (kept for the bench); 'classic': before both. */
export type Strategy = 'sequential' | 'sequential-v1' | 'classic';

/** What a room's next session inherits: the products' history under both strategies. */
export interface SessionPriors {
  counts?: ProductPriors;
  detectors?: DetectorPriors;
}

/** How long a firing drop's baseline stays frozen: after that a lasting fall is the new normal. */
const FREEZE_MAX_MS = 15 * 60_000;

export class AlertEvaluator {
  private readonly states = new Map<string, RuleState>();
  private readonly history: Histories;
  private readonly open = new Map<string, Alert>();
  /** Per firing rule: the drop's basis as it was when the alert fired (see judge). */
  private readonly frozen = new Map<string, { basis: Basis; since: number }>();
  private explainSince: number | null = null;
  private explaining: string | null = null;
  private lastOrders = 0;
  private lastOrderTs = 0;
  private seq: SequentialRules | null;

  /** `priors`: what the room's products did in earlier sessions (see CountHistory, RoomDetectors). */
  constructor(
    public rules: AlertRule[],
    priors: SessionPriors = {},
    readonly strategy: Strategy = 'sequential',
  ) {
    this.history = { gauges: new GaugeHistory(), counts: new CountHistory(priors.counts) };
    this.seq = strategy === 'classic' ? null : new SequentialRules(priors.detectors, strategy === 'sequential');
  }

  /** The evaluator of the room's next session: same rules and strategy, this session's history as prior. */
  nextSession(): AlertEvaluator {
    const priors: SessionPriors = { counts: this.productPriors() };
    if (this.seq) priors.detectors = this.seq.handOver();
    return new AlertEvaluator(this.rules, priors, this.strategy);
  }

  /** The classic strategy's product history for the next session, this session included. */
  productPriors(): ProductPriors {
    return this.history.counts.handOver();
  }

  /** Everything the rules remember; the rules themselves come from the room's stored rules on restore. */
  checkpoint(): EvaluatorCheckpoint {
    return {
      states: [...this.states].map(([id, st]) => [id, st.checkpoint()]),
      gauges: this.history.gauges.checkpoint(),
      counts: this.history.counts.checkpoint(),
      open: [...this.open],
      frozen: [...this.frozen],
      explain: [this.explainSince, this.explaining, this.lastOrders, this.lastOrderTs],
      strategy: this.strategy,
      seq: this.seq ? toPlain(this.seq) : null,
    };
  }

  /** A checkpoint written before the sequential detectors carries none: they start afresh. */
  static restore(rules: AlertRule[], s: EvaluatorCheckpoint): AlertEvaluator {
    const ev = new AlertEvaluator(rules, {}, s.strategy ?? 'sequential');
    if (s.seq) ev.seq = fromPlain<SequentialRules>(s.seq);
    for (const [id, st] of s.states) ev.states.set(id, RuleState.restore(st));
    ev.history.gauges.restore(s.gauges);
    ev.history.counts = CountHistory.restore(s.counts);
    for (const [id, a] of s.open) ev.open.set(id, a);
    for (const [id, f] of s.frozen) ev.frozen.set(id, f);
    [ev.explainSince, ev.explaining, ev.lastOrders, ev.lastOrderTs] = s.explain;
    ev.setRules(rules);
    return ev;
  }

  /** Whether each conversion stage can be judged from the feed (the hierarchical detector only). */
  stageStates(): RoomState['alertStages'] | null {
    return this.seq?.stageStates() ?? null;
  }

  /** Every event applied to the room, in order: the sequential detectors count cohorts from them. */
  observe(e: LiveEvent): void {
    this.seq?.observe(e);
  }

  setRules(rules: AlertRule[]): void {
    this.rules = rules;
    const keep = (id: string) => rules.some((r) => r.id === id);
    for (const id of this.states.keys()) if (!keep(id)) this.states.delete(id);
    this.seq?.forget(keep);
  }

  /** Alerts currently firing (or resolved a moment ago and not yet dropped). */
  active(): Alert[] {
    return [...this.open.values()];
  }

  evaluate(input: AlertInput): AlertEvent[] {
    const gauges = this.gauges(input);
    for (const [m, v] of Object.entries(gauges)) this.history.gauges.add(m, input.ts, v);
    this.history.counts.add(input.ts, input.explaining, input.counts);
    this.seq?.step(input);
    const events: AlertEvent[] = [];
    for (const rule of this.rules) {
      if (!rule.enabled) continue;
      const state = this.stateOf(rule.id);
      const seq = this.judgeSequential(rule, input, gauges, state);
      const j = seq ?? this.judgeNow(rule, input, gauges, this.frozenBasis(rule.id, state, input.ts));
      // A change statistic is itself the accumulated evidence: no further `for` wait.
      const t = state.step(seq && rule.forSeconds > 0 ? { ...rule, forSeconds: 0 } : rule, input.ts, j.holds);
      this.keepBasis(rule.id, state, j, input.ts);
      if (t === 'fired') {
        const productId = rule.productId ?? (PRODUCT_METRICS.has(rule.metric) ? input.explaining : null);
        const alert = this.newAlert(rule, state, j, productId);
        // The outlook's rules are thresholds on its gauges: their evidence comes with the gauge.
        const outlookEvidence = input.outlook?.evidence[rule.metric as keyof OutlookGauges['evidence']];
        if (!alert.evidence && outlookEvidence) alert.evidence = outlookEvidence;
        this.open.set(rule.id, alert);
        events.push({ type: 'raised', alert });
      } else if (t === 'resolved') {
        const alert = this.open.get(rule.id);
        if (!alert) continue;
        this.open.delete(rule.id);
        const done: Alert = { ...alert, state: 'resolved', resolvedAt: input.ts, value: j.value ?? alert.value };
        events.push({ type: 'resolved', alert: done });
      }
    }
    return events;
  }

  /** Not judged: every rule off air; every data rule while the source is down; a product's rule while another
   * product is explained. */
  private judgeNow(rule: AlertRule, input: AlertInput, gauges: Gauges, frozen?: Basis): Judgement {
    const none = { holds: null, value: null, baseline: null };
    if (input.offAir) return none;
    if (input.sourceDown && rule.metric !== 'sourceDown') return none;
    if (rule.productId === undefined) return judge(rule, input, this.history, gauges[rule.metric] ?? null, frozen);
    if (rule.metric === 'stock') return judge(rule, input, this.history, input.stockOf(rule.productId));
    if (rule.productId !== input.explaining) return none;
    return judge(rule, input, this.history, gauges[rule.metric] ?? null, frozen);
  }

  /** The sequential strategy's judgement of a rule it takes; null for threshold rules or the classic strategy. */
  private judgeSequential(rule: AlertRule, input: AlertInput, gauges: Gauges, state: RuleState): Judgement | null {
    if (!this.seq || input.offAir || input.sourceDown) return null;
    const quiet = gauges.explainNoOrdersSeconds ?? null;
    return this.seq.judge(rule, input, this.history.gauges, quiet, state.phase === 'firing');
  }

  /** The frozen basis while the alert fires, for at most FREEZE_MAX_MS. */
  private frozenBasis(ruleId: string, state: RuleState, ts: number): Basis | undefined {
    const f = this.frozen.get(ruleId);
    if (!f || state.phase !== 'firing' || ts - f.since > FREEZE_MAX_MS) return undefined;
    return f.basis;
  }

  /** Freezes the basis the alert fired on (pending still judges live, so noise is not helped to fire);
   * forgets it once the rule stops firing. */
  private keepBasis(ruleId: string, state: RuleState, j: Judgement, ts: number): void {
    if (state.phase !== 'firing') this.frozen.delete(ruleId);
    else if (!this.frozen.has(ruleId) && j.basis) this.frozen.set(ruleId, { basis: j.basis, since: ts });
  }

  ack(alertId: string, by: string, ts: number): Alert | null {
    return this.update(alertId, (a) => ({ ...a, ackedAt: ts, ackedBy: by }));
  }

  snooze(alertId: string, minutes: number, ts: number): Alert | null {
    return this.update(alertId, (a) => ({ ...a, snoozedUntil: ts + minutes * 60_000 }));
  }

  private update(alertId: string, f: (a: Alert) => Alert): Alert | null {
    for (const [ruleId, a] of this.open) {
      if (a.id !== alertId) continue;
      const next = f(a);
      this.open.set(ruleId, next);
      return next;
    }
    return null;
  }

  private stateOf(ruleId: string): RuleState {
    let s = this.states.get(ruleId);
    if (!s) {
      s = new RuleState();
      this.states.set(ruleId, s);
    }
    return s;
  }

  private newAlert(rule: AlertRule, s: RuleState, j: Judgement, productId: string | null): Alert {
    const { value, baseline } = j;
    return {
      id: `${rule.id}-${s.activeAt}`,
      ruleId: rule.id,
      name: rule.name,
      metric: rule.metric,
      productId,
      severity: rule.severity,
      state: 'firing',
      activeAt: s.activeAt,
      firedAt: s.firedAt,
      resolvedAt: null,
      value,
      baseline,
      action: rule.action,
      ackedAt: null,
      ackedBy: null,
      snoozedUntil: null,
      ...(j.evidence ? { evidence: j.evidence } : {}),
    };
  }

  private gauges(input: AlertInput): Gauges {
    // 讲解无成交: orders of the product being explained, counted from its segment's start or its last order.
    const orders = input.counts.orders;
    if (input.explaining !== this.explaining) {
      this.explaining = input.explaining;
      this.explainSince = input.explaining ? input.ts : null;
      this.lastOrders = orders;
    }
    if (orders > this.lastOrders) {
      this.lastOrders = orders;
      this.lastOrderTs = input.ts;
    }
    const quietSince = this.explainSince === null ? null : Math.max(this.explainSince, this.lastOrderTs);
    return {
      online: input.online,
      avgWatchSeconds: input.avgWatchSeconds,
      entriesPerMin: input.entriesPerMin,
      commentsPerMin: input.commentsPerMin,
      commentersPerMin: input.commentersPerMin,
      negativeBarragePerMin: input.negativePerMin,
      explainNoOrdersSeconds: quietSince === null ? null : (input.ts - quietSince) / 1000,
      stock: input.explainedStock,
      sourceDown: input.sourceDown ? 1 : 0,
      targetReach: input.outlook?.targetReach ?? null,
      cohortRetention3m: input.outlook?.cohortRetention3m ?? null,
    };
  }
}

export interface EvaluatorCheckpoint {
  states: [string, RuleStateCheckpoint][];
  gauges: [string, [number, number][]][];
  counts: CountHistoryCheckpoint;
  open: [string, Alert][];
  frozen: [string, { basis: Basis; since: number }][];
  explain: [number | null, string | null, number, number];
  /** Absent in checkpoints written before the strategies. */
  strategy?: Strategy;
  seq?: Plain | null;
}
