// What the replay and report screens read from GET /api/sessions/:sid/report (server/replay/report.ts).
import type { Alert } from '../../../shared/alerts.ts';
import type { Cue } from '../../../shared/cues.ts';
import type { HotWord, ProductStats } from '../../../shared/state.ts';

export interface SessionInfo {
  id: string;
  start: number;
  end: number;
  durationSeconds: number;
  events: number;
  headline: {
    peakOnline: number;
    cumulativeViewers: number;
    comments: number;
    orders: number;
    gmv: number;
    paid: number;
  } | null;
}

export interface Marker {
  kind: 'alert' | 'cue' | 'explain' | 'dip';
  ts: number;
  end?: number;
  label: string;
  severity?: string;
  acked?: boolean;
}

export interface MinutePoint {
  minute: number;
  online: number | null;
  entries: number | null;
  comments: number | null;
  clicks: number | null;
  orders: number | null;
  gmv: number | null;
}

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
  explainSegments: {
    productId: string;
    start: number;
    end: number;
    durationSeconds: number;
    exposures: number;
    clicks: number;
    orders: number;
    gmv: number;
  }[];
  alertAudit: {
    alertId: string;
    name: string;
    severity: string;
    firedAt: number;
    resolvedAt: number | null;
    cueSent: boolean;
    cueAcked: boolean;
    recoveredWithin5Min: boolean;
  }[];
  alerts: { type: string; alert: Alert }[];
  cues: Cue[];
  comparison: { previousSession: boolean; rows: CompareRow[]; largestChanges: string[] } | null;
  weakestStage: { stage: string; rate: number; typical: [number, number]; belowTypical: boolean } | null;
  minutes: MinutePoint[];
  markers: Marker[];
}
