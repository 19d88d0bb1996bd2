// The 复盘's comparison with the same weekday: this session's figures against the median of the room's earlier
// sessions on the same day of the week (China time, where the rooms stream), the last WEEKDAY_SESSIONS of them.
// A figure none of them had is null, never 0.
import { pctChange } from '../../shared/metrics/ratio.ts';
import { median } from '../../shared/outlook/quantiles.ts';
import type { SessionInfo } from './sessions.ts';

export const CHINA_OFFSET_MS = 8 * 3_600_000;
export const WEEKDAY_SESSIONS = 8;

/** 0 = Sunday … 6 = Saturday, in China time. */
export const weekdayOf = (ts: number) => new Date(ts + CHINA_OFFSET_MS).getUTCDay();

type Figures = Record<string, number | null>;

export async function weekdayComparison<F extends Figures>(
  sessions: SessionInfo[],
  session: SessionInfo,
  now: F,
  figuresOf: (s: SessionInfo) => Promise<F | null>,
) {
  const day = weekdayOf(session.start);
  const same = sessions.filter((s) => s.start < session.start && weekdayOf(s.start) === day).slice(-WEEKDAY_SESSIONS);
  const figures: Figures[] = [];
  for (const f of await Promise.all(same.map(figuresOf))) if (f) figures.push(f);
  const rows = Object.keys(now).map((metric) => {
    const vals = figures.map((f) => f[metric] ?? null).filter((v): v is number => v !== null);
    const mid = vals.length === 0 ? null : median(vals);
    return { metric, median: mid, pct: pctChange(now[metric] ?? null, mid) };
  });
  return { weekday: day, sessions: figures.length, rows };
}
