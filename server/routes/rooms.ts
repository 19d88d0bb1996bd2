// Rooms and catalogues. Creating and listing rooms needs the admin token; a room's own tokens read it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CatalogueSchema, ProductSchema } from '../../shared/events.ts';
import { RoomStateSchema } from '../../shared/state.ts';
import { requireAdmin } from '../http/auth.ts';
import { assertPlainText } from '../http/display-name.ts';
import { HttpError } from '../http/errors.ts';
import { runtimeOf } from '../runtime-of.ts';
import type { Services } from '../services.ts';
import { errors, RoomParams, RoomSummarySchema, TokensSchema } from './schemas.ts';

/** How long a client asking for a rebuilding room's state waits before asking again. */
const STATE_RETRY_AFTER_S = 1;

const MAX_QUARANTINE_LISTED = 1000;
const QuarantineSchema = Type.Object({
  events: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      ts: Type.Number(),
      reason: Type.String(),
      /** When it was taken off the timeline (wall ms). */
      at: Type.Number(),
      event: Type.Unknown(),
    }),
  ),
});

export const roomRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const auth = { rooms: services.rooms, adminToken: services.config.adminToken };

  app.post(
    '/api/rooms',
    {
      schema: {
        body: Type.Optional(
          Type.Object(
            { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
            { additionalProperties: false },
          ),
        ),
        response: { 201: Type.Object({ id: Type.String(), name: Type.String(), tokens: TokensSchema }), ...errors },
      },
    },
    async (req, reply) => {
      requireAdmin(req, auth);
      assertPlainText('name', req.body?.name);
      const { room, tokens } = await services.rooms.create(req.body?.name ?? '直播间', services.clock.now());
      return reply.status(201).send({ id: room.id, name: room.name, tokens });
    },
  );

  app.get('/api/rooms', { schema: { response: { 200: Type.Array(RoomSummarySchema), ...errors } } }, async (req) => {
    requireAdmin(req, auth);
    return (await services.rooms.list()).map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.createdAt,
      productCount: r.products.length,
      demo: r.demo,
      archivedAt: r.archivedAt,
    }));
  });

  app.get(
    '/api/rooms/:id',
    {
      config: { action: 'room.read' },
      schema: {
        params: RoomParams,
        response: {
          200: Type.Object({ id: Type.String(), name: Type.String(), products: Type.Array(ProductSchema) }),
          ...errors,
        },
      },
    },
    async (req) => {
      const room = (await services.rooms.get(req.params.id))!;
      return { id: room.id, name: room.name, products: room.products };
    },
  );

  app.put(
    '/api/rooms/:id/products',
    {
      config: { onOwner: true, action: 'catalogue.write' },
      schema: {
        params: RoomParams,
        body: CatalogueSchema,
        response: { 200: Type.Object({ products: Type.Integer() }), ...errors },
      },
    },
    async (req) => {
      for (const [i, p] of req.body.entries()) assertPlainText(`products[${i}].name`, p.name);
      await services.rooms.setProducts(req.params.id, req.body);
      (await services.runtime(req.params.id))?.engine.setCatalogue(req.body);
      return { products: req.body.length };
    },
  );

  app.get(
    '/api/rooms/:id/state',
    {
      config: { onOwner: true, action: 'room.state.read' },
      schema: { params: RoomParams, response: { 200: RoomStateSchema, ...errors } },
    },
    async (req, reply) => {
      const runtime = await runtimeOf(services, req.params.id);
      // Mid-rebuild the engine holds only part of the room's events: partial counts would read as the truth.
      const progress = services.registry.rebuildProgress(req.params.id);
      if (runtime.rebuilding || progress) {
        reply.header('retry-after', STATE_RETRY_AFTER_S);
        const done = progress ? ` (${progress.done} of ${progress.total} events replayed)` : '';
        throw new HttpError(503, 'room_rebuilding', `the room is being rebuilt from the store${done}; retry shortly`);
      }
      return runtime.state(services.clock.now());
    },
  );

  // Stored events a rebuild took off the room's timeline (stamped where no room clock may go), for whoever
  // wonders why an event does not count.
  app.get(
    '/api/rooms/:id/quarantine',
    {
      config: { action: 'quarantine.read' },
      schema: { params: RoomParams, response: { 200: QuarantineSchema, ...errors } },
    },
    async (req) => {
      const rows = await services.storage.quarantine.list(req.params.id, MAX_QUARANTINE_LISTED);
      return {
        events: rows.map((r) => ({ seq: r.seq, ts: r.ts, reason: r.reason, at: r.at, event: JSON.parse(r.body) })),
      };
    },
  );
};
