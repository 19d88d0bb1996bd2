// One error shape for every HTTP failure: { statusCode, code, message } — a machine-readable code and a
// sentence for people.
import type { FastifyError, FastifyInstance } from 'fastify';
import { BodyError } from '../ingest/parse-body.ts';
import { UnknownRoomError } from '../runtime-of.ts';
import { AddressRefusedError } from '../sources/outbound-policy.ts';
import { MaskedSecretError } from '../sources/secret-fields.ts';
import { storageFailure, storageHttpError } from '../storage/storage-errors.ts';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(
    (
      err: FastifyError | HttpError | BodyError | UnknownRoomError | AddressRefusedError | MaskedSecretError,
      req,
      reply,
    ) => {
      if (err instanceof AddressRefusedError || err instanceof MaskedSecretError) {
        return reply.status(400).send({ statusCode: 400, code: err.code, message: err.message });
      }
      const failure = storageFailure(err);
      if (failure) {
        req.log.error({ err }, 'storage failure');
        const body = storageHttpError(failure);
        if (body.statusCode === 503) reply.header('retry-after', 5);
        return reply.status(body.statusCode).send(body);
      }
      if (err instanceof HttpError || err instanceof BodyError || err instanceof UnknownRoomError) {
        return reply.status(err.statusCode).send({ statusCode: err.statusCode, code: err.code, message: err.message });
      }
      const fe = err as FastifyError;
      if (fe.validation) {
        return reply.status(400).send({ statusCode: 400, code: 'invalid_request', message: fe.message });
      }
      const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
      const code = status === 500 ? 'internal_error' : codeFor(fe.code, status);
      if (status === 500) req.log.error({ err }, 'unhandled error');
      return reply
        .status(status)
        .send({ statusCode: status, code, message: status === 500 ? 'internal error' : fe.message });
    },
  );
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ statusCode: 404, code: 'not_found', message: `no route ${req.method} ${req.url}` }),
  );
}

function codeFor(fastifyCode: string | undefined, status: number): string {
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return 'payload_too_large';
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported_media_type';
  if (fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'empty_body';
  if (fastifyCode?.startsWith('FST_ERR_CTP_')) return 'invalid_body';
  return 'bad_request';
}
