// A room's alert rules: listed and replaced whole; every change is written to the room's timeline and sent
// to the screens that show alerts, so an editor open on another screen sees it at once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AlertRulesSchema, rulesProblem } from '../../shared/alerts.ts';
import type { AlertEvent } from '../alerts/alert-evaluator.ts';
import { assertPlainText } from '../http/display-name.ts';
import { HttpError } from '../http/errors.ts';
import { callerOf } from '../http/permission-hook.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import { broadcastRules } from '../realtime/broadcaster.ts';
import { runtimeOf } from '../runtime-of.ts';
import type { Services } from '../services.ts';
import { AlertsResponseSchema } from './alert-schemas.ts';
import { errors, RoomParams } from './schemas.ts';

type Deps = { services: Services; io: IoServer };

export const alertRuleRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, { services, io }) => {
  app.get(
    '/api/rooms/:id/alert-rules',
    {
      config: { action: 'rules.read' },
      schema: { params: RoomParams, response: { 200: AlertRulesSchema, ...errors } },
    },
    async (req) => services.registry.rulesOf(req.params.id),
  );

  app.put(
    '/api/rooms/:id/alert-rules',
    {
      config: { onOwner: true, action: 'rules.write' },
      schema: {
        params: RoomParams,
        body: AlertRulesSchema,
        response: { 200: Type.Object({ rules: Type.Integer() }), ...errors },
      },
    },
    async (req) => {
      const by = callerOf(req);
      for (const [i, r] of req.body.entries()) assertPlainText(`rules[${i}].name`, r.name);
      const problem = rulesProblem(req.body);
      if (problem) throw new HttpError(400, problem.code, problem.message);
      const runtime = await runtimeOf(services, req.params.id);
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
    {
      config: { onOwner: true, action: 'alerts.read' },
      schema: { params: RoomParams, response: { 200: AlertsResponseSchema, ...errors } },
    },
    async (req) => {
      return {
        active: (await runtimeOf(services, req.params.id)).alerts.active(),
        history: (await services.journal.list(req.params.id, 'alert', 500)).map((j) => j.body as AlertEvent),
      };
    },
  );
};
