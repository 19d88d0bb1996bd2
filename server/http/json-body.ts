// JSON bodies of every route (1 MiB at most) are judged by their nesting before JSON.parse: 1 MiB of `[`
// holds the event loop 120 ms in JSON.parse, and no real body nests anywhere near MAX_JSON_DEPTH. The parse
// itself is Fastify's own (prototype poisoning refused).
import type { FastifyInstance } from 'fastify';
import { MAX_JSON_DEPTH } from '../../shared/constants.ts';
import { withinDepth } from '../ingest/json-shape.ts';
import { HttpError } from './errors.ts';

export function installJsonBodyGuard(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const bytes = body as Buffer;
    if (!withinDepth(bytes, MAX_JSON_DEPTH)) {
      done(new HttpError(400, 'invalid_json', `body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parse(req, bytes.toString('utf8'), done);
  });
}
