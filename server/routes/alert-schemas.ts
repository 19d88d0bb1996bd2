// The response shape of GET /api/rooms/:id/alerts. Fastify serialises responses through this schema and drops
// any field it does not name, so the type checks below keep it in step with the Alert interface both ways.
import { type Static, Type } from '@sinclair/typebox';
import { AlertEvidenceSchema } from '../../shared/alert-evidence.ts';
import { ALERT_METRICS, type Alert, SeveritySchema } from '../../shared/alerts.ts';

const Nullable = <T extends ReturnType<typeof Type.Number | typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const AlertSchema = Type.Object({
  id: Type.String(),
  ruleId: Type.String(),
  name: Type.String(),
  metric: Type.Union(ALERT_METRICS.map((m) => Type.Literal(m))),
  // Optional: alerts journaled before per-product rules have none, and must still serialise.
  productId: Type.Optional(Nullable(Type.String())),
  severity: SeveritySchema,
  state: Type.Union([Type.Literal('pending'), Type.Literal('firing'), Type.Literal('resolved')]),
  activeAt: Type.Number(),
  firedAt: Nullable(Type.Number()),
  resolvedAt: Nullable(Type.Number()),
  value: Nullable(Type.Number()),
  baseline: Nullable(Type.Number()),
  action: Type.String(),
  ackedAt: Nullable(Type.Number()),
  ackedBy: Nullable(Type.String()),
  snoozedUntil: Nullable(Type.Number()),
  // Optional: older journaled alerts and threshold rules carry none.
  evidence: Type.Optional(AlertEvidenceSchema),
});

/** One journal entry of an alert: raised, updated (ack, snooze) or resolved. */
export const AlertEventSchema = Type.Object({
  type: Type.Union([Type.Literal('raised'), Type.Literal('updated'), Type.Literal('resolved')]),
  alert: AlertSchema,
});

export const AlertsResponseSchema = Type.Object({
  active: Type.Array(AlertSchema),
  history: Type.Array(AlertEventSchema),
});

// Compile-time: the schema and the interface describe the same object.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesAlert: Same<Static<typeof AlertSchema>, Alert> = true;
void schemaMatchesAlert;
