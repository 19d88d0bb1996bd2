// Import a recorded stream (our NDJSON or Bilibili danmaku XML) into a room, at once (speed=0, keeping the
// recorded timestamps) or replayed at a speed factor. The body is streamed (issue 16): parsed as it arrives,
// gzip allowed, stored in chunks, with no limit on its size; limits are per import (lines, line length) and on
// imports at once (import-gate.ts).
import zlib from 'node:zlib';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import {
  IMPORT_GIVE_UP_LINES,
  MAX_IMPORT_LINE_BYTES,
  MAX_IMPORT_LINES,
  MAX_IMPORT_SPEED,
  MAX_IMPORTS_QUEUED,
  MAX_IMPORTS_RUNNING,
  MIN_IMPORT_SPEED,
} from '../../shared/constants.ts';
import { HttpError } from '../http/errors.ts';
import { ImportGate } from '../ingest/import-gate.ts';
import { importAtOnce, importForReplay } from '../ingest/import-recording.ts';
import { parseSpeed } from '../ingest/speed.ts';
import { runtimeOf } from '../runtime-of.ts';
import type { Services } from '../services.ts';
import type { SourceManager } from '../sources/source-manager.ts';
import { errors, RoomParams } from './schemas.ts';

const MAX_REPORTED_REJECTIONS = 1000;
const LIMITS = {
  maxLines: MAX_IMPORT_LINES,
  giveUpLines: IMPORT_GIVE_UP_LINES,
  maxLineBytes: MAX_IMPORT_LINE_BYTES,
  maxReported: MAX_REPORTED_REJECTIONS,
};

const ImportQuery = Type.Object({
  format: Type.Union([Type.Literal('ndjson'), Type.Literal('bilibili-xml')]),
  speed: Type.String({
    default: '0',
    description: `0 (at once), or a replay factor: a plain decimal from ${MIN_IMPORT_SPEED} to ${MAX_IMPORT_SPEED}`,
  }),
});
const ImportResult = Type.Object({
  format: Type.String(),
  speed: Type.Number(),
  total: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  scheduled: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), code: Type.String(), message: Type.String() })),
  /** Every refused line or element; `rejected` lists the first MAX_REPORTED_REJECTIONS. */
  rejectedCount: Type.Integer(),
  from: Type.Union([Type.Number(), Type.Null()]),
  to: Type.Union([Type.Number(), Type.Null()]),
});

/**
 * The body as it arrives, through gunzip when it says `content-encoding: gzip`. Never destroyed when the
 * import stops early (a 4xx mid-body): the rest is read and dropped (`drain`), so the answer reaches the client.
 */
function bodyStream(req: FastifyRequest): AsyncIterable<Buffer> {
  const raw = req.raw;
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return raw.iterator({ destroyOnReturn: false });
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new HttpError(415, 'unsupported_encoding', 'content-encoding must be gzip or none');
  }
  const gunzip = zlib.createGunzip();
  raw.pipe(gunzip);
  return (async function* () {
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('Z_')) {
        throw new HttpError(400, 'invalid_gzip', 'the body is not valid gzip');
      }
      throw err;
    }
  })();
}

/** Reads what is left of a body the import stopped reading, dropping it. */
function drain(req: FastifyRequest): void {
  const raw = req.raw;
  if (raw.readableEnded || raw.destroyed) return;
  raw.unpipe();
  raw.resume();
}

export const importRoutes: FastifyPluginAsyncTypebox<{ services: Services; sources: SourceManager }> = async (
  app,
  { services, sources },
) => {
  const gate = new ImportGate(MAX_IMPORTS_RUNNING, MAX_IMPORTS_QUEUED);
  // The body is handed through unread: the route reads it after the seat, the speed and a slot are checked.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

  app.post(
    '/api/rooms/:id/import',
    {
      config: { onOwner: true, streamedBody: true, action: 'recording.import' },
      schema: {
        params: RoomParams,
        querystring: ImportQuery,
        response: { 200: ImportResult, 202: ImportResult, ...errors },
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      const speed = parseSpeed(req.query.speed);
      const body = bodyStream(req);
      const runtime = await runtimeOf(services, req.params.id);
      let release: (() => void) | null = null;
      try {
        release = await gate.acquire(runtime.roomId);
        if (speed === 0)
          return { format, speed, scheduled: 0, ...(await importAtOnce(services, runtime, body, format, LIMITS)) };
        const tally = await importForReplay(services, sources, runtime, body, format, speed, LIMITS);
        return reply.status(202).send({ format, speed, ...tally, accepted: 0, duplicates: 0 });
      } catch (err) {
        drain(req);
        throw err;
      } finally {
        release?.();
      }
    },
  );
};
