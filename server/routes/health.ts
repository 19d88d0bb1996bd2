import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bearerToken } from '../http/auth.ts';
import { HttpError } from '../http/errors.ts';
import { sameSecret } from '../http/security.ts';
import type { Services } from '../services.ts';
import { ErrorSchema } from './schemas.ts';

export const healthRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
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
