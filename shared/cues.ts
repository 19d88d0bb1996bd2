// Cues: short instructions from the 场控 or 助播 to the host's prompter, with their whole life timestamped.
import { type Static, Type } from '@sinclair/typebox';
import type { AlertEvidence } from './alert-evidence.ts';

export const MAX_CUE_CHARS = 120;

export const CuePushSchema = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: MAX_CUE_CHARS }),
    priority: Type.Union([Type.Literal('normal'), Type.Literal('urgent')]),
    countdownSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600 })),
    productId: Type.Optional(Type.String({ maxLength: 128 })),
    alertId: Type.Optional(Type.String({ maxLength: 128 })),
  },
  { additionalProperties: false },
);
export type CuePush = Static<typeof CuePushSchema>;

export type CueStatus = 'pending' | 'shown' | 'acked' | 'cancelled' | 'expired';

export interface Cue {
  id: string;
  text: string;
  priority: 'normal' | 'urgent';
  countdownSeconds: number | null;
  productId: string | null;
  alertId: string | null;
  from: string;
  status: CueStatus;
  sentAt: number;
  deliveredAt: number | null;
  shownAt: number | null;
  ackedAt: number | null;
  cancelledAt: number | null;
  expiredAt: number | null;
  escalatedAt: number | null;
  /** A forwarded alert's evidence (shared/alert-evidence.ts), copied by the server when the cue is sent, so the
   * prompter, the senders' screens and the report say why the cue came; absent for a cue typed by hand. */
  evidence?: AlertEvidence;
}
