// A stage's drop judged at unknown depth: Page's CUSUM run in parallel for falls of 20, 35, 50 and 70 %, each
// on the hierarchical evidence (hier-baseline.ts: every product against the room's rate times its own factor,
// the factor integrated out, so a first explanation counts from its first second and a dip that spans product
// switches keeps building). The rule holds once any of them crosses H_MIX = H_LLR + ln(number of depths) (one alarm
// budget shared by the depths), so a deep fall is told at its own speed; the evidence states the fall seen.
import type { AlertEvidence, AlertRule } from '../../../shared/alerts.ts';
import type { Judgement } from '../judge.ts';
import { marginalLlr } from './hier-baseline.ts';
import type { RoomDetectors } from './room-detectors.ts';
import { METRIC_STAGE } from './sequential-judge.ts';

export const DEPTHS = [0.2, 0.35, 0.5, 0.7];
/** A product whose factor is unknown can only ever add a bounded amount of evidence (its own data soon tell a
 * low factor from a fall), so under no change the statistic plateaus instead of drifting back to zero: a small
 * leak per second drains a plateau and ends the excursion (a real fall adds far more than this). */
const LEAK_PER_S = 0.01;
/** The stage's baseline holds its data back while evidence is pending and still growing: above SUSPECT_LLR, or
 * above zero and higher than GROWTH_S seconds ago. A statistic that has stalled above zero (a new product of low
 * factor) must not hold the baseline back, or that product would never become known. */
const SUSPECT_LLR = 3;
const GROWTH_S = 30;
/** The one-depth threshold of the old detector (H_LLR = 8) plus ln 4 for the four depths sharing it. */
export const H_MIX = 8 + Math.log(DEPTHS.length);

/** One depth's excursion: its statistic, each product's sums since it joined, and the figures in words. */
export class DepthCusum {
  s = 0;
  since: number | null = null;
  products = new Map<string, { X: number; M: number }>();
  x = 0;
  mu0 = 0;
  n = 0;
  m = 0;

  constructor(readonly delta: number) {}
}

export class MixtureCusum {
  readonly depths = DEPTHS.map((d) => new DepthCusum(d));
  /** The highest statistic of the last GROWTH_S seconds, oldest first (absent in old checkpoints). */
  recent: number[] = [];
}

const NONE: Judgement = { holds: null, value: null, baseline: null };

export function judgeMixture(
  rule: AlertRule,
  ts: number,
  d: RoomDetectors,
  c: MixtureCusum,
  firing: boolean,
): Judgement {
  const stage = METRIC_STAGE[rule.metric]!;
  const seconds = d.now[stage].filter(
    (p) => p.mu0 !== null && (rule.productId === undefined || p.productId === rule.productId),
  );
  if (seconds.length === 0 && c.depths.every((k) => k.s === 0)) return NONE;
  for (const k of c.depths) {
    let inc = 0;
    const sum = { x: 0, mu0: 0, n: 0, m: 0 };
    for (const p of seconds) {
      const prior = d.hier![stage].prior(p.productId);
      if (!prior) continue;
      // Today's prior, not the one the product joined with: the baseline is held while the statistic is high,
      // so in a real fall it stays put, and a product that joined an ordinary excursion at its first second
      // would otherwise stay judged as unknown long after its own rate became known.
      const e = k.products.get(p.productId) ?? { X: 0, M: 0 };
      inc += marginalLlr(e.X + p.x, e.M + p.m, prior, k.delta) - marginalLlr(e.X, e.M, prior, k.delta);
      e.X += p.x;
      e.M += p.m;
      k.products.set(p.productId, e);
      sum.x += p.x;
      sum.mu0 += p.mu0!;
      sum.n += p.n;
      sum.m += p.m;
    }
    const next = Math.min(1.5 * H_MIX, Math.max(0, k.s + inc - LEAK_PER_S));
    if (next === 0) {
      k.since = null;
      k.products.clear();
      k.x = k.mu0 = k.n = k.m = 0;
    } else {
      k.since ??= ts - 1000;
      k.x += sum.x;
      k.mu0 += sum.mu0;
      k.n += sum.n;
      k.m += sum.m;
    }
    k.s = next;
  }
  const top = c.depths.reduce((a, b) => (b.s > a.s ? b : a));
  c.recent ??= [];
  const before = c.recent.length >= GROWTH_S ? c.recent.shift()! : 0;
  c.recent.push(top.s);
  if (top.s > SUSPECT_LLR || (top.s > 0 && top.s > before)) d.suspect![stage] = true;
  const holds = top.s >= (firing ? H_MIX / 2 : H_MIX);
  const value = top.m > 0 ? top.x / top.m : null;
  const baseline = top.m > 0 ? top.mu0 / top.m : null;
  const evidence: AlertEvidence | null =
    holds && value !== null && baseline !== null
      ? {
          kind: 'rate',
          metric: rule.metric,
          value,
          usual: baseline,
          windowSeconds: top.since === null ? 0 : Math.round((ts - top.since) / 1000),
          sample: Math.round(top.n),
          ...(top.mu0 > 0 ? { fall: Math.max(0, Math.min(1, 1 - top.x / top.mu0)) } : {}),
        }
      : null;
  return { holds, value, baseline, ...(evidence ? { evidence } : {}) };
}
