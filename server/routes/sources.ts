// A room's sources: the one driving source (PUT/GET /source, kept as it was), and several at once
// (GET/POST /sources, DELETE /sources/:sourceId), each with its own health.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SourceHealthSchema } from '../../shared/state.ts';
import { HttpError } from '../http/errors.ts';
import { runtimeOf } from '../runtime-of.ts';
import type { Services } from '../services.ts';
import type { RoomSources } from '../sources/room-sources.ts';
import { SourceConfigSchema } from '../sources/source-config.ts';
import { errors, RoomParams } from './schemas.ts';

const SourceId = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,31}$', description: 'the source within the room' });
const SourceView = Type.Object({ id: Type.String(), config: SourceConfigSchema, health: SourceHealthSchema });
const SourceList = Type.Object({ sources: Type.Array(SourceView) });

export const sourceRoutes: FastifyPluginAsyncTypebox<{ services: Services; roomSources: RoomSources }> = async (
  app,
  { services, roomSources },
) => {
  const health = async (id: string) => ({ source: (await runtimeOf(services, id)).health(services.clock.now()) });

  app.put(
    '/api/rooms/:id/source',
    {
      config: { onOwner: true, action: 'source.write' },
      schema: {
        tags: ['sources'],
        params: RoomParams,
        body: SourceConfigSchema,
        response: { 200: Type.Object({ source: SourceHealthSchema }), ...errors },
      },
    },
    async (req) => {
      await roomSources.set(req.params.id, req.body);
      return health(req.params.id);
    },
  );

  app.get(
    '/api/rooms/:id/source',
    {
      config: { onOwner: true, action: 'source.read' },
      schema: {
        tags: ['sources'],
        params: RoomParams,
        response: { 200: Type.Object({ source: SourceHealthSchema }), ...errors },
      },
    },
    async (req) => {
      return health(req.params.id);
    },
  );

  app.get(
    '/api/rooms/:id/sources',
    {
      config: { onOwner: true, action: 'source.read' },
      schema: { tags: ['sources'], params: RoomParams, response: { 200: SourceList, ...errors } },
    },
    async (req) => {
      return { sources: await roomSources.list(req.params.id) };
    },
  );

  app.post(
    '/api/rooms/:id/sources',
    {
      config: { onOwner: true, action: 'source.write' },
      schema: {
        tags: ['sources'],
        params: RoomParams,
        body: Type.Object({ id: SourceId, source: SourceConfigSchema }, { additionalProperties: false }),
        response: { 201: SourceList, ...errors },
      },
    },
    async (req, reply) => {
      if (req.body.source.kind === 'none') throw new HttpError(400, 'bad_source', 'add a source, not "none"');
      await roomSources.add(req.params.id, req.body.id, req.body.source);
      return reply.status(201).send({ sources: await roomSources.list(req.params.id) });
    },
  );

  app.delete(
    '/api/rooms/:id/sources/:sourceId',
    {
      config: { onOwner: true, action: 'source.write' },
      schema: {
        tags: ['sources'],
        params: Type.Object({ id: RoomParams.properties.id, sourceId: SourceId }),
        response: { 200: SourceList, ...errors },
      },
    },
    async (req) => {
      if (!(await roomSources.remove(req.params.id, req.params.sourceId)))
        throw new HttpError(404, 'no_source', `room has no source "${req.params.sourceId}"`);
      return { sources: await roomSources.list(req.params.id) };
    },
  );
};
