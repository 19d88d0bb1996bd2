// The last action of a room's current (or latest) session and what it moved so far: the 助播 console shows it
// minutes after the action, while the post-action window fills.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LedgerRowSchema } from '../../shared/effects.ts';
import { sessionLedger } from '../effects/session-ledger.ts';
import { listSessions } from '../replay/sessions.ts';
import type { Services } from '../services.ts';
import { errors, RoomParams } from './schemas.ts';

export const effectRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/api/rooms/:id/effects/last',
    {
      config: { action: 'effects.read' },
      schema: {
        params: RoomParams,
        response: { 200: Type.Object({ row: Type.Union([LedgerRowSchema, Type.Null()]) }), ...errors },
      },
    },
    async (req) => {
      const sessions = await listSessions(services.storage.replay, services.reader, req.params.id);
      const current = sessions.at(-1);
      if (!current) return { row: null };
      const rows = await sessionLedger(services, current);
      return { row: rows.filter((r) => r.kind !== 'price_change').at(-1) ?? null };
    },
  );
};
