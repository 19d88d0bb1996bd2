// The seat link exchange: a screen opened with /?room=…&token=… posts the token here once, gets it back as an
// HttpOnly seat cookie, and drops it from the address bar; from then on the cookie opens the seat.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SEATS } from '../../shared/protocol.ts';
import { HttpError } from '../http/errors.ts';
import { seatCookieName, setSeatCookie } from '../http/seat-cookie.ts';
import type { Services } from '../services.ts';
import { errors } from './schemas.ts';

const Body = Type.Object({
  roomId: Type.String({ minLength: 1, maxLength: 64 }),
  token: Type.String({ minLength: 1, maxLength: 200 }),
});

export const seatSessionRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/api/session',
    {
      schema: {
        body: Body,
        response: { 200: Type.Object({ roomId: Type.String(), seat: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const resolved = await services.rooms.resolveToken(req.body.token);
      if (!resolved) throw new HttpError(401, 'unauthorized', 'unknown token');
      if (resolved.roomId !== req.body.roomId)
        throw new HttpError(403, 'forbidden', 'this token belongs to another room');
      if (!(SEATS as readonly string[]).includes(resolved.role)) {
        throw new HttpError(403, 'forbidden_seat', `the ${resolved.role} token opens no screen`);
      }
      const name = seatCookieName(resolved.roomId, resolved.role);
      if (!name) throw new HttpError(400, 'bad_room_id', 'this room id cannot name a cookie');
      setSeatCookie(req, reply, name, req.body.token);
      return { roomId: resolved.roomId, seat: resolved.role };
    },
  );
};
