// A shop platform's order push: POST /api/rooms/:id/webhooks/:platform. No bearer token: the platform signs
// the raw body with the app secret, so the body is read as text and checked before anything is parsed or
// stored. A bad signature answers 401 and stores nothing.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { HttpError } from '../http/errors.ts';
import { runtimeOf } from '../runtime-of.ts';
import type { Services } from '../services.ts';
import { ShopWebhookSource } from '../sources/connectors/shop/shop-webhook-source.ts';
import type { SourceManager } from '../sources/source-manager.ts';
import { errors, RoomParams } from './schemas.ts';

const Params = Type.Object({ id: RoomParams.properties.id, platform: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }) });

export const webhookRoutes: FastifyPluginAsyncTypebox<{ services: Services; sources: SourceManager }> = async (
  app,
  { services, sources },
) => {
  // The signature covers the exact bytes sent: keep the body as text (this plugin only).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/rooms/:id/webhooks/:platform',
    {
      config: { onOwner: true },
      schema: {
        tags: ['sources'],
        params: Params,
        body: Type.String({ maxLength: 1024 * 1024 }),
        response: { 200: Type.Unknown(), ...errors, 503: errors[500] },
      },
    },
    async (req, reply) => {
      const runtime = await runtimeOf(services, req.params.id);
      const source = sources.find(
        runtime,
        (s): s is ShopWebhookSource => s instanceof ShopWebhookSource && s.platform === req.params.platform,
      );
      if (!source) throw new HttpError(404, 'no_webhook', `room has no ${req.params.platform} shop webhook source`);
      const outcome = await source.receive(req.headers, req.body);
      if (!outcome.ok) throw new HttpError(outcome.status, outcome.code, outcome.message);
      return reply.status(200).send(outcome.reply);
    },
  );
};
