// The admin screen's wire model: TypeBox schemas are the types, used by the routes (validation and OpenAPI)
// and by the client alike.
import { type Static, Type } from '@sinclair/typebox';

export const ROLE_NAMES = ['ingest', 'controller', 'assistant', 'host', 'viewer'] as const;
export const RoleSchema = Type.Union(ROLE_NAMES.map((r) => Type.Literal(r)));
export type RoleName = Static<typeof RoleSchema>;

export const AdminRoomSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.Number(),
  productCount: Type.Integer(),
  demo: Type.Boolean(),
  /** Wall time (ms) it was archived, or null. */
  archivedAt: Type.Union([Type.Number(), Type.Null()]),
});
export type AdminRoom = Static<typeof AdminRoomSchema>;

export const RoomPatchSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type RoomPatch = Static<typeof RoomPatchSchema>;

/** What deleting the room loses, so the screen can name it before asking. */
export const RoomUsageSchema = Type.Object({
  sessions: Type.Integer(),
  events: Type.Integer(),
  journal: Type.Integer({ description: 'alert transitions, rule changes and cue steps' }),
  states: Type.Integer({ description: 'stored per-second and per-tick states (replay)' }),
  products: Type.Integer(),
  sources: Type.Integer(),
  firstTs: Type.Union([Type.Number(), Type.Null()]),
  lastTs: Type.Union([Type.Number(), Type.Null()]),
});
export type RoomUsage = Static<typeof RoomUsageSchema>;

/** A seat whose token was revoked has none until it is rotated again. */
export const SeatTokensSchema = Type.Partial(
  Type.Object(
    Object.fromEntries(ROLE_NAMES.map((r) => [r, Type.String()])) as Record<RoleName, ReturnType<typeof Type.String>>,
  ),
);
export type SeatTokens = Static<typeof SeatTokensSchema>;

export const SeatParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), seat: RoleSchema });
