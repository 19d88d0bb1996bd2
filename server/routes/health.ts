import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bearerToken } from '../http/auth.ts';
import { HttpError } from '../http/errors.ts';
import { sameSecret } from '../http/security.ts';
import type { Services } from '../services.ts';
import { ErrorSchema } from './schemas.ts';

async function storageAnswers(services: Services): Promise<boolean> {
  try {
    await services.rooms.get('r_ready_probe'); // a read through the store: fails when the store is gone
    return true;
  } catch {
    return false;
  }
}

/** Set when a shutdown begins: readiness answers 503 so a load balancer stops sending before the close. */
export interface Lifecycle {
  shuttingDown: boolean;
}

const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  /** Why not ready: shutting_down, storage_unavailable. */
  reason: Type.Optional(Type.String()),
  /** Rooms still rebuilding from the store in the background (they answer, without history yet). */
  rebuilding: Type.Integer(),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ services: Services; lifecycle: Lifecycle }> = async (
  app,
  { services, lifecycle },
) => {
  // Liveness (/api/health): the process answers. Readiness (/api/ready): it can take traffic now — not while
  // shutting down, not when the store does not answer.
  app.get(
    '/api/ready',
    { schema: { tags: ['health'], response: { 200: ReadySchema, 503: ReadySchema } } },
    async (_req, reply) => {
      const rebuilding = services.registry.all().filter((r) => r.rebuilding).length;
      let reason: string | null = lifecycle.shuttingDown ? 'shutting_down' : null;
      if (reason === null && !(await storageAnswers(services))) reason = 'storage_unavailable';
      if (reason === null) return { status: 'ready' as const, rebuilding };
      return reply.status(503).send({ status: 'not_ready' as const, reason, rebuilding });
    },
  );
  app.get(
    '/api/health',
    {
      schema: {
        response: {
          200: Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Number(), rooms: Type.Integer() }),
          500: ErrorSchema,
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      uptimeSeconds: Math.round(process.uptime()),
      rooms: services.registry.all().length,
    }),
  );
  app.get(
    '/metrics',
    {
      schema: {
        response: { 200: Type.String({ description: 'Prometheus text' }), 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req, reply) => {
      // Metrics name every room: they have their own token, and are off without one.
      const wanted = services.config.metricsToken;
      if (wanted === null) throw new HttpError(404, 'metrics_disabled', 'set METRICS_TOKEN to enable /metrics');
      const given = bearerToken(req);
      if (given === null || !sameSecret(given, wanted)) {
        throw new HttpError(401, 'unauthorized', '/metrics needs Authorization: Bearer <METRICS_TOKEN>');
      }
      reply.header('content-type', services.metrics.registry.contentType);
      return services.metrics.registry.metrics();
    },
  );
};
