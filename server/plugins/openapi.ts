// OpenAPI generated from the routes' own TypeBox schemas (the single source of types), so integrators read
// the HTTP API from the running server: the document at /api/docs/json, a browsable page at /api/docs. The
// socket protocol is not HTTP and stays in docs/API.md. Registered before the routes so it sees them all.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const OPENAPI_PREFIX = '/api/docs';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '直播中控台 · Live console HTTP API',
        description:
          'Rooms, seats, catalogues, sources, ingest, import, alert rules, sessions and reports. Every call takes ' +
          '`Authorization: Bearer <token>`: the admin token, or one seat token of the room. The socket.io protocol ' +
          '(namespace /live) is documented in docs/API.md.',
        version,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: OPENAPI_PREFIX, uiConfig: { docExpansion: 'list', deepLinking: true } });
}
