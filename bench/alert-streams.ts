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
import { OracleTruth } from './alert-oracle.ts';

export const STRATEGIES: Strategy[] = ['classic', 'sequential-v1', 'sequential'];
const RULES: Record<Strategy, typeof DEFAULT_RULES> = {
  classic: CLASSIC_RULES,
  'sequential-v1': DEFAULT_RULES,
  sequential: DEFAULT_RULES,
};
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
  /** The main session's ground truth, for the oracle. */
  oracle: OracleTruth;
  blackout: Blackout | null;
}

interface Session {
  engine: RoomEngine;
  evaluators: Record<Strategy, AlertEvaluator>;
}

function play(
  s: Session,
  opts: SimulatorOptions,
  untilMs: number,
  raised: StreamRun['raised'],
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
    }
    s.engine.advanceTo(t - 1);
    const input = s.engine.alertInput(t - lastDelivery > SOURCE_STALE_MS);
    for (const k of STRATEGIES) {
      for (const ev of s.evaluators[k].evaluate(input)) if (ev.type === 'raised') raised[k].push(ev.alert);
    }
  }
}

/** Plays the stream (after its shop's earlier session, if any); the main session's ground truth goes to the
 * oracle. */
export function runStream(plan: StreamPlan, blackout: Blackout | null = null): StreamRun {
  const sim0 = createSimulator(plan.options);
  const catalogue = sim0.catalogue;
  const raised: StreamRun['raised'] = { classic: [], 'sequential-v1': [], sequential: [] };
  const mk = (evaluators: Session['evaluators']): Session => ({
    engine: new RoomEngine('bench', { tokenizer }, catalogue),
    evaluators,
  });
  let s = mk(
    Object.fromEntries(STRATEGIES.map((k) => [k, new AlertEvaluator(RULES[k], {}, k)])) as Session['evaluators'],
  );
  let judgedMs = 0;
  if (plan.previous) {
    // Played while still live: the close (everyone leaves at once) is not what is measured here.
    const { durationMs, ...live } = plan.previous;
    play(s, live, (durationMs ?? 0) - 1000, raised, null);
    judgedMs += durationMs ?? 0;
    const prev = s.evaluators;
    s = mk(Object.fromEntries(STRATEGIES.map((k) => [k, prev[k].nextSession()])) as Session['evaluators']);
  }
  const oracle = new OracleTruth();
  const { durationMs, ...live } = plan.options;
  play(s, { ...live, truth: oracle }, (durationMs ?? 0) - 1000, raised, blackout);
  judgedMs += durationMs ?? 0;
  return { plan, raised, judgedMs, oracle, blackout };
}
