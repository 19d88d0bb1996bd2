// Which stored state a screen showed at event time `ts`, from the rows each backend reads: the same rule for
// every backend, so replay answers alike on SQLite and PostgreSQL.
import type { ScreenState, StoredState } from './ports.ts';

/** Ticks come several times a second of wall time; even at 60x replay speed with a stalled event loop they are
 * well under this apart in event time. A longer gap means no screen was live there (an import). */
export const TICK_GAP_MS = 120_000;

/**
 * `tick`: the latest stored tick at or before `ts`; `nextTickTs`: the tick after it; `sec`: the latest
 * per-second state at or before the second before `ts`.
 */
export function pickScreen(
  ts: number,
  tick: ScreenState | null,
  nextTickTs: number | null,
  sec: StoredState | null,
): ScreenState | null {
  // While the ticker ran around `ts` (the next tick follows closely), the last tick is what screens showed.
  if (tick && (nextTickTs ?? ts) - tick.ts <= TICK_GAP_MS) return tick;
  const secTs = sec ? sec.sec * 1000 + 999 : null;
  if (sec && secTs !== null && (!tick || secTs > tick.ts)) return { ts: secTs, body: sec.body };
  return tick ?? null;
}
