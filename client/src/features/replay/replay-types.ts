// What the replay and report screens read from GET /api/sessions/:sid/report (server/replay/report.ts).
import type { Alert } from '../../../../shared/alerts.ts';
import type { Cue } from '../../../../shared/cues.ts';
import type { AlertAuditRow, ExplainSegment, Marker, MinutePoint, SessionInfo } from '../../../../shared/replay.ts';
import type { HotWord, ProductStats } from '../../../../shared/state.ts';

export type { Marker, MinutePoint, SessionInfo };

export interface CompareRow {
  metric: string;
  now: number | null;
  prev: number | null;
  pct: number | null;
}

export interface Report {
  session: SessionInfo;
  hasCommerce: boolean;
  fans: { newFollowers: number; followRate: number | null } | null;
  interaction: {
    comments: number;
    commentUsers: number;
    interactionRate: number | null;
    hotWords: HotWord[];
    risingWords: HotWord[];
  } | null;
  audience: { cumulativeViewers: number | null; peakOnline: number; avgWatchSeconds: number | null } | null;
  clicks: { productExposureUsers: number | null; clickUsers: number | null; clickRate: number | null } | null;
  conversion: Record<string, number | null> | null;
  products: ProductStats[];
  explainSegments: ExplainSegment[];
  alertAudit: AlertAuditRow[];
  alerts: { type: string; alert: Alert }[];
  cues: Cue[];
  comparison: { previousSession: boolean; rows: CompareRow[]; largestChanges: string[] } | null;
  /** Against the median of the same weekday's earlier sessions; absent from older servers. */
  weekday?: {
    weekday: number;
    sessions: number;
    rows: { metric: string; median: number | null; pct: number | null }[];
  } | null;
  weakestStage: { stage: string; rate: number; typical: [number, number]; belowTypical: boolean } | null;
  minutes: MinutePoint[];
  markers: Marker[];
}
