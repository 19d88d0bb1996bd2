// The response shape of GET /api/sessions/:sid/report. Fastify serialises it through this schema and drops any
// field the schema does not name (and would cut a fraction off a number called an integer, so every figure is a
// Number), so the type checks at the end keep it in step with what server/replay/report.ts builds, both ways.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { AlertEvidenceSchema } from '../../shared/alert-evidence.ts';
import type { Cue } from '../../shared/cues.ts';
import { LedgerRowSchema, LedgerSummarySchema } from '../../shared/effects.ts';
import { QuestionEntrySchema, QuestionStatsSchema } from '../../shared/questions.ts';
import {
  AlertAuditRowSchema,
  ExplainSegmentSchema,
  type Marker,
  MarkerSchema,
  MinutePointSchema,
  SessionInfoSchema,
} from '../../shared/replay.ts';
import { HotWordSchema, ProductStatsSchema } from '../../shared/state.ts';
import type { Report } from '../replay/report.ts';
import { AlertSchema } from './alert-schemas.ts';

const Num = Type.Number();
const NullableNum = Type.Union([Type.Number(), Type.Null()]);
const NullableStr = Type.Union([Type.String(), Type.Null()]);
const OrNull = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const CueSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  priority: Type.Union([Type.Literal('normal'), Type.Literal('urgent')]),
  countdownSeconds: NullableNum,
  productId: NullableStr,
  alertId: NullableStr,
  from: Type.String(),
  status: Type.Union((['pending', 'shown', 'acked', 'cancelled', 'expired'] as const).map((s) => Type.Literal(s))),
  sentAt: Num,
  deliveredAt: NullableNum,
  shownAt: NullableNum,
  ackedAt: NullableNum,
  cancelledAt: NullableNum,
  expiredAt: NullableNum,
  escalatedAt: NullableNum,
  evidence: Type.Optional(AlertEvidenceSchema),
});

const CompareRowSchema = Type.Object({ metric: Type.String(), now: NullableNum, prev: NullableNum, pct: NullableNum });

export const ReportSchema = Type.Object({
  session: SessionInfoSchema,
  hasCommerce: Type.Boolean(),
  fans: OrNull(Type.Object({ newFollowers: Num, followRate: NullableNum })),
  interaction: OrNull(
    Type.Object({
      comments: Num,
      commentUsers: Num,
      interactionRate: NullableNum,
      hotWords: Type.Array(HotWordSchema),
      risingWords: Type.Array(HotWordSchema),
    }),
  ),
  audience: OrNull(Type.Object({ cumulativeViewers: NullableNum, peakOnline: Num, avgWatchSeconds: NullableNum })),
  clicks: OrNull(Type.Object({ productExposureUsers: NullableNum, clickUsers: NullableNum, clickRate: NullableNum })),
  conversion: OrNull(
    Type.Object({
      clickToOrder: NullableNum,
      orderToPaid: NullableNum,
      conversion: NullableNum,
      gmv: NullableNum,
      paid: NullableNum,
      uvValue: NullableNum,
      gpm: NullableNum,
    }),
  ),
  products: Type.Array(ProductStatsSchema),
  explainSegments: Type.Array(ExplainSegmentSchema),
  alertAudit: Type.Array(AlertAuditRowSchema),
  /** Full journal records, so the replay can show the alert panel and each cue as they were at any moment. */
  alerts: Type.Array(Type.Object({ type: Type.String(), alert: AlertSchema })),
  cues: Type.Array(CueSchema),
  questions: Type.Object({
    stats: OrNull(QuestionStatsSchema),
    topUnanswered: Type.Array(QuestionEntrySchema),
  }),
  ledger: Type.Array(LedgerRowSchema),
  ledgerSummary: Type.Array(LedgerSummarySchema),
  comparison: OrNull(
    Type.Object({
      previousSession: Type.Boolean(),
      rows: Type.Array(CompareRowSchema),
      largestChanges: Type.Array(Type.String()),
    }),
  ),
  weekday: OrNull(
    Type.Object({
      weekday: Num,
      sessions: Num,
      rows: Type.Array(Type.Object({ metric: Type.String(), median: NullableNum, pct: NullableNum })),
    }),
  ),
  weakestStage: OrNull(
    Type.Object({
      stage: Type.Union([Type.Literal('click'), Type.Literal('clickToOrder'), Type.Literal('orderToPaid')]),
      rate: Num,
      // The builder keeps its typical ranges as `as const` tuples.
      typical: Type.Unsafe<readonly [number, number]>(Type.Tuple([Num, Num])),
      belowTypical: Type.Boolean(),
    }),
  ),
  minutes: Type.Array(MinutePointSchema),
  markers: Type.Array(MarkerSchema),
});

// Compile-time: the schema and the builder describe the same object, literal types widened first. Optional
// fields are invisible to that check, so each kind of marker the builder writes is checked to name only fields
// the schema names; test/integration/response-schemas.test.ts also compares a real report, sent through this
// schema, with what the builder returned.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Wide<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer E)[]
        ? Wide<E>[]
        : T extends object
          ? { [K in keyof T]: Wide<T[K]> }
          : T;
/** true when every member of the union `Built` names only keys of `Schema`. */
type NamesOnly<Built, Schema> = Built extends unknown ? Same<Exclude<keyof Built, keyof Schema>, never> : never;

const schemaMatchesReport: Same<Wide<Static<typeof ReportSchema>>, Wide<Report>> = true;
const markersNamed: Same<NamesOnly<Report['markers'][number], Marker>, true> = true;
const schemaMatchesCue: Same<Static<typeof CueSchema>, Cue> = true;
void schemaMatchesReport;
void markersNamed;
void schemaMatchesCue;
