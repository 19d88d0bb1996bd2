// Forecast of a session's final GMV and orders from the room's past sessions: at minute m, each past session
// says how much its figure still grew after minute m (final ÷ so-far). Today's so-far times those ratios is the
// forecast; the 80 % interval is a prediction interval on their logarithm (small samples: Student's t), so it
// widens honestly with few or scattered sessions. Updated each minute by the caller.
import { type CurvePoint, finalOf } from './curves.ts';
import { predictionInterval80 } from './quantiles.ts';

/** Fewer past sessions than this and the forecast (and the band) says 数据不足. */
export const MIN_PAST_SESSIONS = 3;

export type Forecast =
  | { status: 'insufficient'; sessions: number }
  | {
      status: 'ok';
      /** Minute since the start the forecast was made at (the last complete minute). */
      minute: number;
      soFar: number;
      p10: number;
      p50: number;
      p90: number;
      /** Past sessions it was fitted on. */
      sessions: number;
      /** ratio: final ÷ so-far of the past; finals: no figure yet today, so the past finals themselves. */
      method: 'ratio' | 'finals';
    };

/** `today`: complete minutes so far (index = minute since the start). */
export function forecastFinal(
  past: readonly CurvePoint[][],
  today: readonly CurvePoint[],
  field: 'gmv' | 'orders',
): Forecast {
  const m = today.length - 1;
  const soFar = m >= 0 ? today[m]![field] : null;
  const usable = past.filter((p) => finalOf(p, field) !== null);
  if (usable.length < MIN_PAST_SESSIONS || soFar === null) return { status: 'insufficient', sessions: usable.length };
  const logRatios: number[] = [];
  for (const p of usable) {
    const final = finalOf(p, field)!;
    // A past session shorter than today's so far had ended by now: it says "no more growth".
    const at = p.length > m ? p[m]![field] : final;
    if (at !== null && at > 0) logRatios.push(Math.log(Math.max(final, at) / at));
  }
  if (soFar > 0 && logRatios.length >= MIN_PAST_SESSIONS) {
    const pi = predictionInterval80(logRatios);
    const at = (x: number) => soFar * Math.exp(Math.max(0, x));
    return {
      status: 'ok',
      minute: m,
      soFar,
      p10: at(pi.lo),
      p50: at(pi.mid),
      p90: at(pi.hi),
      sessions: logRatios.length,
      method: 'ratio',
    };
  }
  // Nothing sold yet (or too few sessions had by now): the past finals, never below today's so-far.
  const pi = predictionInterval80(usable.map((p) => Math.log1p(finalOf(p, field)!)));
  const v = (x: number) => Math.max(soFar, Math.expm1(x));
  return {
    status: 'ok',
    minute: m,
    soFar,
    p10: v(pi.lo),
    p50: v(pi.mid),
    p90: v(pi.hi),
    sessions: usable.length,
    method: 'finals',
  };
}
