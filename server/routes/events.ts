// Push ingest: POST /api/rooms/:id/events with the room's ingest token; a JSON array or NDJSON.
// The answer comes only after the accepted events are durably committed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from '../../shared/constants.ts';
import { EventsBodyReader, parseEventsBody } from '../ingest/parse-body.ts';
import { readLimited } from '../ingest/read-body.ts';
import type { Services } from '../services.ts';
import { errors, IngestResultSchema, RoomParams } from './schemas.ts';

export const eventRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  // Bodies are read as bytes and parsed as they arrive: UTF-8 is checked per NDJSON line, so one bad line
  // cannot sink its batch, and a body with too many lines or too deep a nesting is refused at the chunk that
  // shows it, never after holding the event loop over all of it (issue 16).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', async (req: FastifyRequest) => {
    const reader = new EventsBodyReader(req.headers['content-type'], MAX_EVENTS_PER_REQUEST);
    await readLimited(req.raw, MAX_BODY_BYTES, (chunk) => reader.push(chunk));
    reader.end();
    return reader;
  });

  app.post(
    '/api/rooms/:id/events',
    {
      config: { action: 'events.push' },
      bodyLimit: MAX_BODY_BYTES,
      schema: { params: RoomParams, response: { 200: IngestResultSchema, ...errors } },
    },
    async (req) => {
      // No body at all (no content-type parser ran): judged as an empty one.
      const items =
        req.body instanceof EventsBodyReader
          ? req.body.items()
          : parseEventsBody(Buffer.alloc(0), req.headers['content-type'], MAX_EVENTS_PER_REQUEST);
      const runtime = await services.runtime(req.params.id);
      // Clustered, and another instance runs the room: commit here, the owner applies it from the store.
      if (!runtime) return services.pipeline.ingestRemote(req.params.id, items, { checkTime: true });
      runtime.notePush(services.clock.now());
      return services.pipeline.ingest(runtime, items, { checkTime: true });
    },
  );
};
