// OpenAPI generated from the routes' own TypeBox schemas (the single source of types), so integrators read
// the HTTP API from the running server: the document at /api/docs/json, a browsable page at /api/docs. The
// socket protocol is not HTTP and stays in docs/API.md. Registered before the routes so it sees them all.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';

export const OPENAPI_PREFIX = '/api/docs';

/** Groups in the document, by path: the first rule that matches names a route's tag unless it has its own. */
const TAG_BY_PATH: [RegExp, string][] = [
  [/^\/(api\/health|api\/ready|api\/cluster|metrics)/, 'health'],
  [/^\/api\/session$/, 'seats'],
  [/^\/api\/rooms\/[^/]+\/(events|import|webhooks)/, 'ingest'],
  [/^\/api\/rooms\/[^/]+\/sources?/, 'sources'],
  [/^\/api\/rooms\/[^/]+\/(alert-rules|alerts)/, 'alerts'],
  [/^\/api\/(sessions|rooms\/[^/]+\/sessions)/, 'replay'],
  [/^\/api\/rooms/, 'rooms'],
];

function tagged(schema: FastifySchema | undefined, url: string): FastifySchema {
  const own = schema as (FastifySchema & { tags?: string[]; hide?: boolean }) | undefined;
  // The client shell (every other GET serves index.html) is not part of the API.
  if (!url.startsWith('/api/') && url !== '/metrics') return { ...own, hide: true } as FastifySchema;
  if (own?.tags?.length) return own;
  const tag = TAG_BY_PATH.find(([re]) => re.test(url))?.[1];
  return tag ? ({ ...own, tags: [tag] } as FastifySchema) : (own ?? {});
}

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
    transform: ({ schema, url }) => ({ schema: tagged(schema, url), url }),
  });
  await app.register(swaggerUi, { routePrefix: OPENAPI_PREFIX, uiConfig: { docExpansion: 'list', deepLinking: true } });
}
