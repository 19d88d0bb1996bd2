// A room's alert rules: listed and replaced whole; every change is written to the room's timeline and sent
// to the screens that show alerts, so an editor open on another screen sees it at once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AlertRulesSchema, rulesProblem } from '../../shared/alerts.ts';
import type { AlertEvent } from '../alerts/alert-evaluator.ts';
import { authorizeRoom } from '../http/auth.ts';
import { assertPlainText } from '../http/display-name.ts';
import { HttpError } from '../http/errors.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import { broadcastRules } from '../realtime/broadcaster.ts';
import type { Services } from '../services.ts';
import { AlertsResponseSchema } from './alert-schemas.ts';
import { errors, RoomParams } from './schemas.ts';

type Deps = { services: Services; io: IoServer };

export const alertRuleRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, { services, io }) => {
  const auth = { rooms: services.rooms, adminToken: services.config.adminToken };

  app.get(
    '/api/rooms/:id/alert-rules',
    { schema: { params: RoomParams, response: { 200: AlertRulesSchema, ...errors } } },
    async (req) => {
      await authorizeRoom(req, auth, req.params.id, ['admin', 'controller', 'assistant', 'viewer', 'host']);
      return services.registry.rulesOf(req.params.id);
    },
  );

  app.put(
    '/api/rooms/:id/alert-rules',
    {
      config: { onOwner: true },
      schema: {
        params: RoomParams,
        body: AlertRulesSchema,
        response: { 200: Type.Object({ rules: Type.Integer() }), ...errors },
      },
    },
    async (req) => {
      const by = await authorizeRoom(req, auth, req.params.id, ['admin', 'controller', 'assistant']);
      for (const [i, r] of req.body.entries()) assertPlainText(`rules[${i}].name`, r.name);
      const problem = rulesProblem(req.body);
      if (problem) throw new HttpError(400, problem.code, problem.message);
      const runtime = (await services.runtime(req.params.id))!;
      await services.rooms.setAlertRules(req.params.id, req.body);
      runtime.alerts.setRules(req.body);
      const at = runtime.timeAt(services.clock.now());
      await services.journal.append(req.params.id, at, 'rules', { by, rules: req.body });
      broadcastRules(io, req.params.id, { rules: req.body, by, at });
      return { rules: req.body.length };
    },
  );

  app.get(
    '/api/rooms/:id/alerts',
    { config: { onOwner: true }, schema: { params: RoomParams, response: { 200: AlertsResponseSchema, ...errors } } },
    async (req) => {
      await authorizeRoom(req, auth, req.params.id, ['admin', 'controller', 'assistant', 'viewer']);
      return {
        active: (await services.runtime(req.params.id))!.alerts.active(),
        history: (await services.journal.list(req.params.id, 'alert', 500)).map((j) => j.body as AlertEvent),
      };
    },
  );
};
