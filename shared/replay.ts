// Shapes of the replay and 复盘 report, shared by the server that builds them and the client that shows them.
export interface SessionHeadline {
  peakOnline: number;
  cumulativeViewers: number;
  comments: number;
  orders: number;
  gmv: number;
  paid: number;
}

export interface SessionInfo {
  id: string;
  roomId: string;
  start: number;
  end: number;
  durationSeconds: number;
  events: number;
  headline: SessionHeadline | null;
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

export interface ExplainSegment {
  productId: string;
  start: number;
  end: number;
  durationSeconds: number;
  exposures: number;
  clicks: number;
  orders: number;
  gmv: number;
}

export interface AlertAuditRow {
  alertId: string;
  name: string;
  severity: string;
  firedAt: number;
  resolvedAt: number | null;
  cueSent: boolean;
  cueAcked: boolean;
  recoveredWithin5Min: boolean;
}

export interface Marker {
  kind: 'alert' | 'cue' | 'explain' | 'dip';
  ts: number;
  end?: number;
  label: string;
  severity?: string;
  acked?: boolean;
}
