// GET /api/cluster (admin): which rooms this instance runs now, under which fencing token, since when, and
// its recent past tenures. Operators see where a room runs; the cluster suites check from it that no two
// instances ever acted for one room at once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { fromPeer, hopSecret } from '../cluster/forward-http.ts';
import { requireAdmin } from '../http/auth.ts';
import { HttpError } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { errors } from './schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const TenureSchema = Type.Object({
  roomId: Type.String(),
  token: Type.Integer(),
  since: Type.Integer({ description: 'wall ms when this instance took the room' }),
  lastActAt: Nullable(Type.Integer({ description: 'wall ms of its last act for the room' })),
  until: Nullable(Type.Integer({ description: 'wall ms when it stopped holding the room' })),
});
const ClusterStatusSchema = Type.Object({
  instanceId: Type.String(),
  rooms: Type.Array(TenureSchema),
  past: Type.Array(TenureSchema),
});

const ForwardedRequestSchema = Type.Union([
  Type.Object({ kind: Type.Literal('snapshot'), roomId: Type.String(), seat: Type.String() }),
  Type.Object({
    kind: Type.Literal('command'),
    roomId: Type.String(),
    seat: Type.String(),
    name: Type.String(),
    payload: Type.Unknown(),
  }),
]);

export const clusterRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const auth = { rooms: services.rooms, adminToken: services.config.adminToken };
  app.get(
    '/api/cluster',
    { schema: { tags: ['health'], response: { 200: ClusterStatusSchema, ...errors } } },
    async (req) => {
      requireAdmin(req, auth);
      if (!services.cluster) throw new HttpError(404, 'not_clustered', 'this server runs alone (no REDIS_URL)');
      return services.cluster.status();
    },
  );

  // Another instance asks for a screen of a room this one runs (its snapshot, or a command): peers only.
  const secret = hopSecret(services.config.adminToken);
  app.post(
    '/api/cluster/ask',
    {
      schema: {
        hide: true,
        body: ForwardedRequestSchema,
        response: { 200: Type.Object({ answer: Type.Unknown() }), ...errors },
      },
    },
    async (req) => {
      if (!services.cluster) throw new HttpError(404, 'not_clustered', 'this server runs alone (no REDIS_URL)');
      if (!fromPeer(req, secret)) throw new HttpError(403, 'not_a_peer', 'only instances of this cluster may ask');
      return { answer: await services.cluster.answer(req.body) };
    },
  );
};
