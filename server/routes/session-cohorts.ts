// GET /api/sessions/:sid/cohorts: the 复盘's full retention table, apart from the report so the report stays
// fast (a big room's session has millions of entries and departures to count).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sessionCohorts } from '../outlook/session-cohorts.ts';
import type { Services } from '../services.ts';
import { errors } from './schemas.ts';
import { findSession, sessionRoom } from './sessions.ts';

const Retention = Type.Array(Type.Union([Type.Number(), Type.Null()]));
export const SessionCohortsSchema = Type.Object({
  exact: Type.Boolean(),
  rows: Type.Array(
    Type.Object({
      minute: Type.Number(),
      size: Type.Union([Type.Number(), Type.Null()]),
      explaining: Type.Union([Type.String(), Type.Null()]),
      retention: Retention,
      estimated: Type.Boolean(),
    }),
  ),
  byProduct: Type.Array(
    Type.Object({ productId: Type.String(), size: Type.Union([Type.Number(), Type.Null()]), retention: Retention }),
  ),
});

export const sessionCohortRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/api/sessions/:sid/cohorts',
    {
      config: { action: 'sessions.read', roomOf: sessionRoom },
      schema: {
        params: Type.Object({ sid: Type.String({ maxLength: 80 }) }),
        response: { 200: SessionCohortsSchema, ...errors },
      },
    },
    async (req) => {
      const s = await findSession(services, req.params.sid);
      return sessionCohorts(services.storage.replay, s.roomId, s.start, s.end);
    },
  );
};
