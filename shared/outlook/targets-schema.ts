// The session targets the team sets (admin or 场控): HTTP PUT /api/rooms/:id/targets and socket `room:targets`.
import { type Static, Type } from '@sinclair/typebox';

const Positive = (max: number) => Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: max }), Type.Null()]);

export const TargetsSchema = Type.Object(
  {
    gmv: Type.Optional(Positive(1e10)),
    orders: Type.Optional(Positive(1e8)),
    peakOnline: Type.Optional(Positive(1e8)),
    /** Planned length in minutes: the pace line's length when the room has no past sessions. */
    durationMin: Type.Optional(Type.Union([Type.Integer({ minimum: 10, maximum: 24 * 60 }), Type.Null()])),
    /** How many past sessions the overlay and forecast use (default 10). */
    pastSessions: Type.Optional(Type.Union([Type.Integer({ minimum: 3, maximum: 60 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type TargetsInput = Static<typeof TargetsSchema>;
