import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
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
    { schema: { response: { 200: Type.String({ description: 'Prometheus text' }) } } },
    async (_req, reply) => {
      reply.header('content-type', services.metrics.registry.contentType);
      return services.metrics.registry.metrics();
    },
  );
};
