// Shapes shared by several routes.
import { Type } from '@sinclair/typebox';
import { AdminRoomSchema } from '../../shared/admin.ts';

export const ErrorSchema = Type.Object({ statusCode: Type.Integer(), code: Type.String(), message: Type.String() });
export const RoomParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const TokensSchema = Type.Object({
  ingest: Type.String(),
  controller: Type.String(),
  assistant: Type.String(),
  host: Type.String(),
  viewer: Type.String(),
});
/** A room in the admin list (shared/admin.ts). */
export const RoomSummarySchema = AdminRoomSchema;
export const IngestResultSchema = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), code: Type.String(), message: Type.String() })),
});
/** Every failure answers this shape (server/http/errors.ts), whichever route it comes from. */
export const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  413: ErrorSchema,
  415: ErrorSchema,
  500: ErrorSchema,
  503: ErrorSchema,
  507: ErrorSchema,
};
