// The admin screen's calls: rename/archive, what a delete would lose, delete, seat tokens, rotate, revoke.
// Admin token only. Handlers validate, call the RoomAdmin use case, reply.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AdminRoomSchema,
  RoomPatchSchema,
  RoomUsageSchema,
  SeatParamsSchema,
  SeatTokensSchema,
} from '../../shared/admin.ts';
import { SEATS } from '../../shared/protocol.ts';
import { requireAdmin } from '../http/auth.ts';
import { assertPlainText } from '../http/display-name.ts';
import { HttpError } from '../http/errors.ts';
import type { JoinLinks } from '../http/join-links.ts';
import type { RoomAdmin } from '../rooms/room-admin.ts';
import type { Services } from '../services.ts';
import { errors, RoomParams } from './schemas.ts';

const found = <T>(value: T | null, id: string): T => {
  if (value === null) throw new HttpError(404, 'unknown_room', `no room ${id}`);
  return value;
};

export const adminRoomRoutes: FastifyPluginAsyncTypebox<{
  services: Services;
  admin: RoomAdmin;
  joinLinks: JoinLinks;
}> = async (app, { services, admin, joinLinks }) => {
  const auth = { rooms: services.rooms, adminToken: services.config.adminToken };
  app.addHook('preHandler', async (req) => requireAdmin(req, auth));
  const tags = ['admin'];

  app.patch(
    '/api/rooms/:id',
    {
      // Archiving stops the room's sources, which run where the room runs.
      config: { onOwner: true },
      schema: { tags, params: RoomParams, body: RoomPatchSchema, response: { 200: AdminRoomSchema, ...errors } },
    },
    async (req) => {
      assertPlainText('name', req.body.name);
      return found(await admin.update(req.params.id, req.body), req.params.id);
    },
  );

  app.get(
    '/api/rooms/:id/usage',
    { schema: { tags, params: RoomParams, response: { 200: RoomUsageSchema, ...errors } } },
    async (req) => found(await admin.usage(req.params.id), req.params.id),
  );

  app.delete(
    '/api/rooms/:id',
    { config: { onOwner: true }, schema: { tags, params: RoomParams, response: { 204: Type.Null(), ...errors } } },
    async (req, reply) => {
      if (!(await admin.delete(req.params.id))) found(null, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/rooms/:id/seats',
    { schema: { tags, params: RoomParams, response: { 200: SeatTokensSchema, ...errors } } },
    async (req) => found(await admin.seats(req.params.id), req.params.id),
  );

  app.post(
    '/api/rooms/:id/seats/:seat/rotate',
    { schema: { tags, params: SeatParamsSchema, response: { 200: SeatTokensSchema, ...errors } } },
    async (req) => found(await admin.rotate(req.params.id, req.params.seat), req.params.id),
  );

  app.delete(
    '/api/rooms/:id/seats/:seat',
    { schema: { tags, params: SeatParamsSchema, response: { 200: SeatTokensSchema, ...errors } } },
    async (req) => found(await admin.revoke(req.params.id, req.params.seat), req.params.id),
  );

  // A one-time seat link (http/join-links.ts): what the admin screen and the start banner hand out, so the
  // seat's token never sits in a browser's history.
  app.post(
    '/api/rooms/:id/seats/:seat/join-link',
    {
      schema: {
        tags,
        params: SeatParamsSchema,
        response: { 200: Type.Object({ code: Type.String(), expiresAt: Type.Number() }), ...errors },
      },
    },
    async (req) => {
      const { id, seat } = req.params;
      if (!(SEATS as readonly string[]).includes(seat))
        throw new HttpError(400, 'no_screen', `the ${seat} seat opens no screen`);
      const token = found(await admin.seats(id), id)[seat];
      if (!token) throw new HttpError(404, 'seat_revoked', `the ${seat} seat has no link (revoked)`);
      return joinLinks.mint(id, seat, token, services.clock.now());
    },
  );
};
