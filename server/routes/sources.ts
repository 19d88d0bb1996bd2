// A room's driving source: a poller of a platform API, the simulator, or none (push only).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Product } from '../../shared/events.ts';
import { SourceHealthSchema } from '../../shared/state.ts';
import { authorizeRoom } from '../http/auth.ts';
import type { Services } from '../services.ts';
import { createSource, SourceConfigSchema } from '../sources/source-config.ts';
import type { SourceManager } from '../sources/source-manager.ts';
import { errors, RoomParams } from './schemas.ts';

export const sourceRoutes: FastifyPluginAsyncTypebox<{ services: Services; sources: SourceManager }> = async (
  app,
  { services, sources },
) => {
  const auth = { rooms: services.rooms, adminToken: services.config.adminToken };

  app.put(
    '/api/rooms/:id/source',
    {
      schema: {
        params: RoomParams,
        body: SourceConfigSchema,
        response: { 200: Type.Object({ source: SourceHealthSchema }), ...errors },
      },
    },
    async (req) => {
      authorizeRoom(req, auth, req.params.id, ['admin', 'controller']);
      const runtime = services.runtime(req.params.id)!;
      const { source, catalogue } = createSource(req.body, services.clock);
      if (catalogue) {
        services.rooms.setProducts(req.params.id, catalogue as Product[]);
        runtime.engine.setCatalogue(catalogue as Product[]);
      }
      services.rooms.setSource(req.params.id, req.body.kind === 'none' ? null : req.body);
      if (source) await sources.attach(runtime, source);
      else await sources.detach(runtime);
      return { source: runtime.health(services.clock.now()) };
    },
  );

  app.get(
    '/api/rooms/:id/source',
    { schema: { params: RoomParams, response: { 200: Type.Object({ source: SourceHealthSchema }), ...errors } } },
    async (req) => {
      authorizeRoom(req, auth, req.params.id, ['admin', 'controller', 'assistant', 'host', 'viewer', 'ingest']);
      return { source: services.runtime(req.params.id)!.health(services.clock.now()) };
    },
  );
};
