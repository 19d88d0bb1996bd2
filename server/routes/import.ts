// Import a recorded stream (our NDJSON or Bilibili danmaku XML) into a room, at once (speed=0, keeping the
// recorded timestamps) or replayed at a speed factor.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { MAX_IMPORT_BYTES } from '../../shared/constants.ts';
import { readRecording, Slicer, storeAtOnce, validateSliced } from '../ingest/import-recording.ts';
import { runtimeOf } from '../runtime-of.ts';
import type { Services } from '../services.ts';
import { ReplaySource } from '../sources/replay-source.ts';
import type { SourceManager } from '../sources/source-manager.ts';
import { errors, RoomParams } from './schemas.ts';

const MAX_REPORTED_REJECTIONS = 1000;

const ImportQuery = Type.Object({
  format: Type.Union([Type.Literal('ndjson'), Type.Literal('bilibili-xml')]),
  speed: Type.Number({ minimum: 0, maximum: 100_000, default: 0 }),
});
const ImportResult = Type.Object({
  format: Type.String(),
  speed: Type.Number(),
  total: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  scheduled: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), code: Type.String(), message: Type.String() })),
  from: Type.Union([Type.Number(), Type.Null()]),
  to: Type.Union([Type.Number(), Type.Null()]),
});

export const importRoutes: FastifyPluginAsyncTypebox<{ services: Services; sources: SourceManager }> = async (
  app,
  { services, sources },
) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_r, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/rooms/:id/import',
    {
      config: { onOwner: true, action: 'recording.import' },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        params: RoomParams,
        querystring: ImportQuery,
        response: { 200: ImportResult, 202: ImportResult, ...errors },
      },
    },
    async (req, reply) => {
      const { format, speed } = req.query;
      const slicer = new Slicer();
      const items = await readRecording(format, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), slicer);
      const runtime = await runtimeOf(services, req.params.id);
      const { valid, rejected } = await validateSliced(items, slicer);
      const base = {
        format,
        speed,
        total: items.length,
        rejected: rejected.slice(0, MAX_REPORTED_REJECTIONS),
        from: valid[0]?.ts ?? null,
        to: valid[valid.length - 1]?.ts ?? null,
      };
      if (speed > 0) {
        const source = new ReplaySource(valid, speed, services.clock, () => void sources.detach(runtime, source));
        await sources.attach(runtime, source);
        return reply.status(202).send({ ...base, accepted: 0, duplicates: 0, scheduled: valid.length });
      }
      const { accepted, duplicates } = await storeAtOnce(services, runtime, valid, slicer);
      return { ...base, accepted, duplicates, scheduled: 0 };
    },
  );
};
