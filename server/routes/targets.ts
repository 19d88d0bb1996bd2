// The session targets (GMV, orders, peak online): read by every seat that sees the big screen, set by the admin
// or the 场控 seat (the socket's `room:targets` is the same for the 场控 screen). Validate, delegate, reply.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { TargetsSchema } from '../../shared/outlook/targets-schema.ts';
import { authorizeRoom } from '../http/auth.ts';
import { HttpError } from '../http/errors.ts';
import type { OutlookService } from '../outlook/outlook-service.ts';
import type { Services } from '../services.ts';
import { errors, RoomParams } from './schemas.ts';

type Deps = { services: Services; outlook: OutlookService };

export const targetRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, { services, outlook }) => {
  const auth = { rooms: services.rooms, adminToken: services.config.adminToken };

  app.get(
    '/api/rooms/:id/targets',
    {
      schema: {
        params: RoomParams,
        response: { 200: Type.Object({ targets: Type.Union([TargetsSchema, Type.Null()]) }), ...errors },
      },
    },
    async (req) => {
      await authorizeRoom(req, auth, req.params.id, ['admin', 'controller', 'assistant', 'viewer']);
      return { targets: await outlook.targetsOf(req.params.id) };
    },
  );

  app.put(
    '/api/rooms/:id/targets',
    {
      config: { onOwner: true },
      schema: {
        params: RoomParams,
        body: TargetsSchema,
        response: { 200: Type.Object({ targets: TargetsSchema }), ...errors },
      },
    },
    async (req) => {
      const by = await authorizeRoom(req, auth, req.params.id, ['admin', 'controller']);
      const res = await outlook.setTargets(req.params.id, req.body, by);
      if (!res.ok) throw new HttpError(404, res.error.code, res.error.message);
      return res.data;
    },
  );
};
