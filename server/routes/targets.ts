// The session targets (GMV, orders, peak online): read by every seat that sees the big screen, set by the admin
// or the 场控 seat (the socket's `room:targets` is the same for the 场控 screen). Validate, delegate, reply.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { TargetsSchema } from '../../shared/outlook/targets-schema.ts';
import { HttpError } from '../http/errors.ts';
import { callerOf } from '../http/permission-hook.ts';
import type { OutlookService } from '../outlook/outlook-service.ts';
import type { Services } from '../services.ts';
import { errors, RoomParams } from './schemas.ts';

type Deps = { services: Services; outlook: OutlookService };

export const targetRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, { outlook }) => {
  app.get(
    '/api/rooms/:id/targets',
    {
      config: { action: 'targets.read' },
      schema: {
        params: RoomParams,
        response: { 200: Type.Object({ targets: Type.Union([TargetsSchema, Type.Null()]) }), ...errors },
      },
    },
    async (req) => {
      return { targets: await outlook.targetsOf(req.params.id) };
    },
  );

  app.put(
    '/api/rooms/:id/targets',
    {
      config: { onOwner: true, action: 'targets.write' },
      schema: {
        params: RoomParams,
        body: TargetsSchema,
        response: { 200: Type.Object({ targets: TargetsSchema }), ...errors },
      },
    },
    async (req) => {
      const by = callerOf(req);
      const res = await outlook.setTargets(req.params.id, req.body, by);
      if (!res.ok) throw new HttpError(404, res.error.code, res.error.message);
      return res.data;
    },
  );
};
