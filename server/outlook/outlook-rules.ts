// The outlook's figures for its two alert rules, as gauges the evaluator judges like any other (pure):
// - targetReach: the forecast's upper bound ÷ the target (GMV or orders, the lower): below 1, 目标难以完成;
// - cohortRetention3m: the latest finished cohort's 3-minute retention ÷ the session's usual, when the shortfall is
//   beyond chance (binomial, z ≤ −3), else 1: small cohorts wobble and must not page anyone.
import type { AlertEvidence } from '../../shared/alert-evidence.ts';
import type { OutlookMessage } from '../../shared/outlook/outlook.ts';

export interface OutlookGauges {
  targetReach: number | null;
  cohortRetention3m: number | null;
  evidence: { targetReach?: AlertEvidence; cohortRetention3m?: AlertEvidence };
}

/** The forecast is not judged before this minute: the first minutes say little about the end. */
export const TARGET_RULE_FROM_MINUTE = 10;
const MIN_COHORT = 20;
const MIN_USUAL_COHORTS = 5;
const Z_BEYOND_CHANCE = -3;

export function outlookGauges(msg: OutlookMessage, usual3: { value: number; cohorts: number } | null): OutlookGauges {
  const out: OutlookGauges = { targetReach: null, cohortRetention3m: null, evidence: {} };
  for (const field of ['gmv', 'orders'] as const) {
    const f = msg.forecast[field];
    const target = msg.targets?.[field];
    if (!target || f.status !== 'ok' || f.minute < TARGET_RULE_FROM_MINUTE) continue;
    const reach = f.p90 / target;
    if (out.targetReach !== null && reach >= out.targetReach) continue;
    out.targetReach = reach;
    out.evidence.targetReach = {
      kind: 'forecast',
      metric: field === 'gmv' ? 'gmvForecast' : 'ordersForecast',
      value: f.p90,
      usual: target,
      windowSeconds: (f.minute + 1) * 60,
      sample: f.sessions,
    };
  }
  const row = [...msg.cohorts.rows].reverse().find((r) => !r.estimated && r.retention[1] !== null);
  if (row && row.size !== null && row.size >= MIN_COHORT && usual3 && usual3.cohorts >= MIN_USUAL_COHORTS) {
    const r3 = row.retention[1]!;
    const p = usual3.value;
    const z = p > 0 && p < 1 ? (r3 - p) / Math.sqrt((p * (1 - p)) / row.size) : 0;
    out.cohortRetention3m = z <= Z_BEYOND_CHANCE && p > 0 ? r3 / p : 1;
    out.evidence.cohortRetention3m = {
      kind: 'cohort',
      metric: 'cohortRetention3m',
      value: r3,
      usual: p,
      windowSeconds: 180,
      sample: row.size,
    };
  }
  return out;
}
