// Push ingest: POST /api/rooms/:id/events with the room's ingest token; a JSON array or NDJSON.
// The answer comes only after the accepted events are durably committed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from '../../shared/constants.ts';
import { parseEventsBody } from '../ingest/parse-body.ts';
import type { Services } from '../services.ts';
import { errors, IngestResultSchema, RoomParams } from './schemas.ts';

export const eventRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // Bodies are read as bytes: UTF-8 is checked per NDJSON line, so one bad line cannot sink its batch.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/rooms/:id/events',
    {
      config: { action: 'events.push' },
      bodyLimit: MAX_BODY_BYTES,
      schema: { params: RoomParams, response: { 200: IngestResultSchema, ...errors } },
    },
    async (req) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const items = parseEventsBody(body, req.headers['content-type'], MAX_EVENTS_PER_REQUEST);
      const runtime = await services.runtime(req.params.id);
      // Clustered, and another instance runs the room: commit here, the owner applies it from the store.
      if (!runtime) return services.pipeline.ingestRemote(req.params.id, items, { checkTime: true });
      runtime.notePush(services.clock.now());
      return services.pipeline.ingest(runtime, items, { checkTime: true });
    },
  );
};
