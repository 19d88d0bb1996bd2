// Scores one stream's alerts against its labels, per strategy: hit (the dip's own rule fired between its
// start and 2 minutes after its end), delay, false alarms (a dip rule firing away from any dip: before it, or
// more than 5 minutes after it ends), and dip rules called during a feed blackout. Each dip also carries the
// oracle's delay (bench/alert-oracle.ts: exact LLR on the simulator's true rates); a dip the oracle tells within
// its duration is "detectable" and counts toward recall, the others are listed apart.
import type { Strategy } from '../server/alerts/alert-evaluator.ts';
import type { DipLabel } from '../server/sources/simulator/families.ts';
import type { Alert } from '../shared/alerts.ts';
import type { StreamRun } from './alert-streams.ts';

const MIN = 60_000;

export const DIP_RULES: Record<DipLabel['kind'], string[]> = {
  retention: ['online-drop'],
  arrivals: ['online-drop'],
  clickRate: ['click-rate-drop'],
  clickToOrder: ['order-rate-drop'],
  payment: ['pay-rate-drop'],
  conversion: ['click-rate-drop', 'order-rate-drop'],
};
const FALSE_ALARM_RULES = new Set([
  'online-drop',
  'watch-drop',
  'click-rate-drop',
  'order-rate-drop',
  'pay-rate-drop',
  'interaction-drop',
  'explain-no-orders',
]);

export interface DipScore {
  label: DipLabel;
  size: number;
  repeat: boolean;
  family: string;
  seed: number;
  /** The oracle's delay, ms from the dip's start (null: not told within the dip). */
  oracleMs: number | null;
  /** Told by the oracle within the dip: counts toward recall. */
  detectable: boolean;
  hit: Record<Strategy, boolean>;
  delayMs: Record<Strategy, number | null>;
}

export interface StreamScore {
  dips: DipScore[];
  falseAlarms: Record<Strategy, number>;
  staleCalls: Record<Strategy, number>;
  hours: number;
  falseDetail: string[];
}

const near = (a: Alert, l: DipLabel) => a.activeAt >= l.startTs && a.activeAt <= l.endTs + 5 * MIN;

export function scoreStream(run: StreamRun, strategies: Strategy[]): StreamScore {
  const { plan } = run;
  const dips = plan.labels.map((label) => {
    const oracleMs = run.oracle.delayMs(label);
    const hit = {} as DipScore['hit'];
    const delayMs = {} as DipScore['delayMs'];
    for (const k of strategies) {
      const a = run.raised[k].find(
        (x) =>
          DIP_RULES[label.kind].includes(x.ruleId) &&
          x.firedAt! >= label.startTs &&
          x.firedAt! <= label.endTs + 2 * MIN,
      );
      hit[k] = !!a;
      delayMs[k] = a ? a.firedAt! - label.startTs : null;
    }
    return {
      label,
      size: plan.peakOnline,
      repeat: !!plan.previous,
      family: plan.family,
      seed: plan.seed,
      oracleMs,
      detectable: oracleMs !== null,
      hit,
      delayMs,
    };
  });
  const falseAlarms = {} as StreamScore['falseAlarms'];
  const staleCalls = {} as StreamScore['staleCalls'];
  const falseDetail: string[] = [];
  for (const k of strategies) {
    const wrong = run.raised[k].filter((a) => FALSE_ALARM_RULES.has(a.ruleId) && !plan.labels.some((l) => near(a, l)));
    falseAlarms[k] = wrong.length;
    const b = run.blackout;
    staleCalls[k] = b
      ? run.raised[k].filter(
          (a) => FALSE_ALARM_RULES.has(a.ruleId) && a.activeAt >= b.startTs && a.activeAt <= b.endTs + MIN,
        ).length
      : 0;
    for (const a of wrong) {
      const at = ((a.activeAt - plan.options.startTs) / MIN).toFixed(1);
      const why = a.evidence ? ` ${a.evidence.kind} ${a.evidence.windowSeconds}s` : '';
      falseDetail.push(`${k} ${a.ruleId} ${plan.family}/${plan.peakOnline}${plan.previous ? 'r' : 'f'}@${at}′${why}`);
    }
  }
  return { dips, falseAlarms, staleCalls, hours: run.judgedMs / 3_600_000, falseDetail };
}
