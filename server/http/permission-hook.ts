// The one place an HTTP route's permission is checked: a route names its action (`config: { action }`,
// shared/permissions.ts) and this preHandler runs authorizeRoom with the table's callers, after the body and
// query are validated, as the handlers did themselves before. Clustered, an `onOwner` route is forwarded in
// onRequest, before this, so the owner checks it. The room is the route's `:id`, or what `roomOf` says.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Action, allowedFor, type Caller } from '../../shared/permissions.ts';
import { type AuthDeps, authorizeRoom } from './auth.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route: the action of the permission table, checked against the room's tokens. */
    action?: Action;
    /** The room the action is on, when it is not the `:id` param (a session id names its room); may throw. */
    roomOf?: (req: FastifyRequest) => string;
  }
  interface FastifyRequest {
    /** Who called, once the route's action was allowed. */
    caller?: Caller;
  }
}

export function installPermissions(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('caller', undefined);
  app.addHook('preHandler', async (req) => {
    const config = req.routeOptions.config;
    const action = config?.action;
    if (action === undefined) return;
    const roomId = config.roomOf ? config.roomOf(req) : (req.params as { id: string }).id;
    req.caller = await authorizeRoom(req, deps, roomId, [...allowedFor(action)]);
  });
}

/** The caller the route's action was allowed for (a route without an action has none: a bug, a 500). */
export function callerOf(req: FastifyRequest): Caller {
  if (req.caller === undefined) throw new Error(`no permission checked for ${req.routeOptions.url}`);
  return req.caller;
}
