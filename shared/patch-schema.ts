// The TypeBox schema of a patch operation (format in shared/patch.ts): the single source of its type. Apart from
// patch.ts so the client, which only applies patches, does not bundle TypeBox for it.
import { type Static, Type } from '@sinclair/typebox';

export const PatchOpSchema = Type.Union([
  /** ['s', path, value]: set the value at path. */
  Type.Tuple([Type.Literal('s'), Type.String(), Type.Unknown()]),
  /** ['d', path]: delete the key at path. */
  Type.Tuple([Type.Literal('d'), Type.String()]),
  /** ['p', path, items, length]: items, then the old elements, cut to length. */
  Type.Tuple([Type.Literal('p'), Type.String(), Type.Array(Type.Unknown()), Type.Integer({ minimum: 0 })]),
]);
export type PatchOp = Static<typeof PatchOpSchema>;
export const PatchOpsSchema = Type.Array(PatchOpSchema);
