// What a screen gets about today against the room's past (socket `room:outlook`), at most once a minute and on
// join: the past band (only when it changes), today's new minutes, the forecast, target pacing and the cohorts.
import type { BandPoint } from './band.ts';
import type { CurvePoint, OverlayMetric } from './curves.ts';
import type { Forecast } from './forecast.ts';
import type { Pace, PaceField, Targets } from './pacing.ts';

export const RETENTION_MINUTES = [1, 3, 5, 10] as const;
/** Past sessions the overlay compares with, by default. */
export const DEFAULT_PAST_SESSIONS = 10;
/** The big screen's heat map shows this many entry minutes. */
export const COHORT_SPAN_MIN = 30;

export interface CohortRow {
  /** Event time (ms) of the entry minute. */
  minute: number;
  /** Viewers who entered in it (null: unknown, an estimate from the online counter). */
  size: number | null;
  /** The product being explained when they entered. */
  explaining: string | null;
  /** Share still watching after each of RETENTION_MINUTES; null until that many minutes have passed. */
  retention: (number | null)[];
  estimated: boolean;
}

export interface OutlookBand {
  /** Past sessions the band was made of. */
  sessions: number;
  bands: Record<OverlayMetric, (BandPoint | null)[]>;
  /** Median share of the final figure reached by each minute (the pace line is target × share). */
  share: Record<PaceField, number[]>;
  /** Aligned on the first 讲解 of the product explained now (the overlay's toggle); null when none is. */
  explain: {
    productId: string;
    todayOffset: number;
    sessions: number;
    bands: Record<OverlayMetric, (BandPoint | null)[]>;
  } | null;
}

export interface OutlookMessage {
  roomId: string;
  /** Event time of the session's first event: a new value means a new session (the client starts over). */
  sessionStart: number;
  /** Event time the figures are at. */
  at: number;
  /** Index of the first of `today`'s points (minutes since the start); the client appends from there. */
  todayFrom: number;
  today: CurvePoint[];
  /** Present on join and whenever the past, the targets or the explained product changed. */
  band?: OutlookBand;
  forecast: { gmv: Forecast; orders: Forecast };
  targets: Targets | null;
  /** Pacing per target set, without the line (the client draws it from `band.share`). */
  pace: Omit<Pace, 'line'>[];
  cohorts: { exact: boolean; rows: CohortRow[] };
}
