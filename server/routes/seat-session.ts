// The seat link exchange: a screen opened with /?room=…&join=… (a one-time join link, http/join-links.ts) or
// /?room=…&token=… posts the code or token here once, gets the seat back as an HttpOnly seat cookie, and drops
// it from the address bar; from then on the cookie opens the seat.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SEATS } from '../../shared/protocol.ts';
import { HttpError } from '../http/errors.ts';
import type { JoinLinks } from '../http/join-links.ts';
import { seatCookieName, setSeatCookie } from '../http/seat-cookie.ts';
import type { Services } from '../services.ts';
import type { Role } from '../storage/ports.ts';
import { ErrorSchema, errors } from './schemas.ts';

const Body = Type.Union([
  Type.Object(
    { roomId: Type.String({ minLength: 1, maxLength: 64 }), token: Type.String({ minLength: 1, maxLength: 200 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { roomId: Type.String({ minLength: 1, maxLength: 64 }), join: Type.String({ minLength: 1, maxLength: 400 }) },
    { additionalProperties: false },
  ),
]);

export const seatSessionRoutes: FastifyPluginAsyncTypebox<{ services: Services; joinLinks: JoinLinks }> = async (
  app,
  { services, joinLinks },
) => {
  /** The token a join code stands for, spent; or the token sent. */
  async function tokenOf(body: { roomId: string; token?: string; join?: string }): Promise<string> {
    if (body.token !== undefined) return body.token;
    const tokens = () => services.rooms.tokens(body.roomId).catch(() => ({}) as Partial<Record<Role, string>>);
    const r = await joinLinks.redeem(
      body.roomId,
      body.join!,
      async (seat) => (await tokens())[seat as Role],
      services.clock.now(),
    );
    if (!r.ok) throw new HttpError(r.status, r.code, r.message);
    return (await tokens())[r.seat as Role]!;
  }

  app.post(
    '/api/session',
    {
      schema: {
        body: Body,
        response: { 200: Type.Object({ roomId: Type.String(), seat: Type.String() }), ...errors, 410: ErrorSchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const token = await tokenOf(req.body);
      const resolved = await services.rooms.resolveToken(token);
      if (!resolved) throw new HttpError(401, 'unauthorized', 'unknown token');
      if (resolved.roomId !== req.body.roomId)
        throw new HttpError(403, 'forbidden', 'this token belongs to another room');
      if (!(SEATS as readonly string[]).includes(resolved.role)) {
        throw new HttpError(403, 'forbidden_seat', `the ${resolved.role} token opens no screen`);
      }
      const name = seatCookieName(resolved.roomId, resolved.role);
      if (!name) throw new HttpError(400, 'bad_room_id', 'this room id cannot name a cookie');
      setSeatCookie(req, reply, name, token);
      return { roomId: resolved.roomId, seat: resolved.role };
    },
  );
};
