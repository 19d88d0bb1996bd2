// Shapes of the replay and 复盘 report, shared by the server that builds them and the client that shows them.
// The schemas are the single source of the types; the server's response schemas are built from them.
import { type Static, Type } from '@sinclair/typebox';
import { AlertEvidenceSchema } from './alert-evidence.ts';

const Num = Type.Number();
const NullableNum = Type.Union([Type.Number(), Type.Null()]);

export const SessionHeadlineSchema = Type.Object({
  peakOnline: Num,
  cumulativeViewers: Num,
  comments: Num,
  orders: Num,
  gmv: Num,
  paid: Num,
});
export type SessionHeadline = Static<typeof SessionHeadlineSchema>;

export const SessionInfoSchema = Type.Object({
  id: Type.String(),
  roomId: Type.String(),
  start: Num,
  end: Num,
  durationSeconds: Num,
  events: Num,
  headline: Type.Union([SessionHeadlineSchema, Type.Null()]),
});
export type SessionInfo = Static<typeof SessionInfoSchema>;

/** One minute of a session; a measure the source never gave is null ("—"), never 0. */
export const MinutePointSchema = Type.Object({
  minute: Num,
  online: NullableNum,
  entries: NullableNum,
  comments: NullableNum,
  clicks: NullableNum,
  orders: NullableNum,
  gmv: NullableNum,
});
export type MinutePoint = Static<typeof MinutePointSchema>;

export const ExplainSegmentSchema = Type.Object({
  productId: Type.String(),
  start: Num,
  end: Num,
  durationSeconds: Num,
  exposures: Num,
  clicks: Num,
  orders: Num,
  gmv: Num,
});
export type ExplainSegment = Static<typeof ExplainSegmentSchema>;

export const AlertAuditRowSchema = Type.Object({
  alertId: Type.String(),
  /** Absent in reports built before it was carried. */
  ruleId: Type.Optional(Type.String()),
  name: Type.String(),
  severity: Type.String(),
  firedAt: Num,
  resolvedAt: NullableNum,
  cueSent: Type.Boolean(),
  cueAcked: Type.Boolean(),
  recoveredWithin5Min: Type.Boolean(),
  /** Why it fired (shared/alert-evidence.ts); absent for threshold rules and older alerts. */
  evidence: Type.Optional(AlertEvidenceSchema),
});
export type AlertAuditRow = Static<typeof AlertAuditRowSchema>;

export const MarkerSchema = Type.Object({
  kind: Type.Union([Type.Literal('alert'), Type.Literal('cue'), Type.Literal('explain'), Type.Literal('dip')]),
  ts: Num,
  end: Type.Optional(Num),
  label: Type.String(),
  severity: Type.Optional(Type.String()),
  acked: Type.Optional(Type.Boolean()),
});
export type Marker = Static<typeof MarkerSchema>;
