// What one action moved: its target figure in the POST minutes after it against a counterfactual built from
// the PRE minutes before it. Pure.
// - Product figures with other products to compare (difference in differences): the log change of the target
//   product's figure minus the log change of the same figure over the products not targeted, so traffic that
//   rose for every product is not credited to the action.
// - Room figures (online, entries/min), or a product alone: the pre-action linear trend carried forward when
//   there are enough minutes to fit it, else the pre-action level.
// Each window's figure is a ratio estimate Σnum / Σden over its minutes (a count has den = 1 per minute) with the
// ratio estimator's variance from the minute-to-minute spread, so overdispersed minutes widen the interval
// instead of being assumed Poisson. Intervals are 95 % on the log scale, reported as relative changes.
import type { Effect, EffectMetric } from '../../shared/effects.ts';

export const PRE_MINUTES = 10;
export const POST_MINUTES = 5;
/** Within ±5 % is "no change" (~0); an interval spanning more than a factor 2 either side of the estimate is too
 * wide to read a direction from. */
const FLAT = 0.05;
const TOO_WIDE_LOG = Math.log(2);
const Z = 1.96;

/** One minute of one figure: numerator and denominator (clicks and exposures; or a count and 1). */
export interface Cell {
  num: number;
  den: number;
}

/** A figure's minutes around an action: `at` is the index of the action's minute (left out of both windows). */
export interface ActionSeries {
  target: (Cell | null)[];
  /** The same figure over the products not targeted; absent for room figures or a single product. */
  control?: (Cell | null)[];
  at: number;
}

interface Window {
  log: number;
  varLog: number;
  n: number;
}

/** Σnum/Σden over the cells with data, on the log scale, with the ratio estimator's variance. */
export function windowRatio(cells: (Cell | null)[]): Window | null {
  const xs = cells.filter((c): c is Cell => c !== null && c.den > 0);
  const n = xs.length;
  if (n < 2) return null;
  const num = xs.reduce((a, c) => a + c.num, 0);
  const den = xs.reduce((a, c) => a + c.den, 0);
  if (num <= 0) return null;
  const r = num / den;
  const meanDen = den / n;
  const ss = xs.reduce((a, c) => a + (c.num - r * c.den) ** 2, 0);
  const varR = ss / (n - 1) / (n * meanDen * meanDen);
  // A window of identical minutes still has sampling noise: at least the Poisson variance of its count.
  const varLog = Math.max(varR / (r * r), 1 / num);
  return { log: Math.log(r), varLog, n };
}

/** The trend carried forward: a least-squares line on the pre minutes' log figures, read at the post minutes'
 * mean position, with the variance of that prediction (and of the post mean). */
function trendBaseline(pre: (Cell | null)[], postIdx: number[]): Window | null {
  const pts = pre
    .map((c, i) => (c && c.den > 0 && c.num > 0 ? { x: i - pre.length, y: Math.log(c.num / c.den) } : null))
    .filter((p) => p !== null);
  const n = pts.length;
  if (n < 6) return null;
  const mx = pts.reduce((a, p) => a + p.x, 0) / n;
  const my = pts.reduce((a, p) => a + p.y, 0) / n;
  const sxx = pts.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const slope = pts.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
  const resid = pts.reduce((a, p) => a + (p.y - my - slope * (p.x - mx)) ** 2, 0) / (n - 2);
  const x0 = postIdx.reduce((a, x) => a + x, 0) / postIdx.length;
  const varLog = resid * (1 / n + (x0 - mx) ** 2 / sxx);
  return { log: my + slope * (x0 - mx), varLog, n };
}

const slice = (s: (Cell | null)[], from: number, to: number) => s.slice(Math.max(0, from), Math.max(0, to));

export function estimateEffect(metric: EffectMetric, s: ActionSeries): Effect {
  const preT = slice(s.target, s.at - PRE_MINUTES, s.at);
  const postT = slice(s.target, s.at + 1, s.at + 1 + POST_MINUTES);
  const post = windowRatio(postT);
  const none: Effect = { metric, relative: null, low: null, high: null, verdict: 'uncertain', method: 'none' };
  if (!post) return none;
  let log: number;
  let varLog: number;
  let method: Effect['method'];
  const control = s.control && {
    pre: windowRatio(slice(s.control, s.at - PRE_MINUTES, s.at)),
    post: windowRatio(slice(s.control, s.at + 1, s.at + 1 + POST_MINUTES)),
  };
  const pre = windowRatio(preT);
  if (pre && control?.pre && control.post) {
    log = post.log - pre.log - (control.post.log - control.pre.log);
    varLog = post.varLog + pre.varLog + control.post.varLog + control.pre.varLog;
    method = 'did';
  } else {
    const postIdx = postT.map((_, i) => i + 1);
    const trend = metric === 'online' || metric === 'entriesPerMin' ? trendBaseline(preT, postIdx) : null;
    const base = trend ?? pre;
    if (!base) return none;
    log = post.log - base.log;
    varLog = post.varLog + base.varLog;
    method = trend ? 'trend' : 'level';
  }
  return readEffect(metric, log, varLog, method);
}

export function readEffect(metric: EffectMetric, log: number, varLog: number, method: Effect['method']): Effect {
  const se = Math.sqrt(varLog);
  const relative = Math.exp(log) - 1;
  const low = Math.exp(log - Z * se) - 1;
  const high = Math.exp(log + Z * se) - 1;
  let verdict: Effect['verdict'];
  if (Z * se > TOO_WIDE_LOG) verdict = 'uncertain';
  else if (low > 0) verdict = 'up';
  else if (high < 0) verdict = 'down';
  else verdict = low >= -FLAT && high <= FLAT ? 'flat' : 'uncertain';
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { metric, relative: r(relative), low: r(low), high: r(high), verdict, method };
}
