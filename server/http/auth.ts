// Who may do what over HTTP. A token opens exactly one room (or, the admin token, all of them); a token of
// room A gives nothing of room B.
import type { FastifyRequest } from 'fastify';
import type { Role, RoomStore } from '../storage/ports.ts';
import { HttpError } from './errors.ts';
import { requestCookieToken } from './seat-cookie.ts';
import { sameSecret } from './security.ts';

export type Caller = Role | 'admin';

export interface AuthDeps {
  rooms: RoomStore;
  adminToken: string;
}

export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (typeof h === 'string' && h.startsWith('Bearer ')) return h.slice(7).trim() || null;
  return null;
}

export function requireAdmin(req: FastifyRequest, deps: AuthDeps): void {
  const token = bearerToken(req);
  if (token === null) throw new HttpError(401, 'unauthorized', 'missing Authorization: Bearer <token>');
  if (!sameSecret(token, deps.adminToken)) throw new HttpError(401, 'unauthorized', 'this call needs the admin token');
}

/** Checks the caller's token against the room; returns the caller's role. */
export async function authorizeRoom(
  req: FastifyRequest,
  deps: AuthDeps,
  roomId: string,
  allowed: Caller[],
): Promise<Caller> {
  // A browser screen sends its seat cookie (and which seat it is); every other caller the Bearer header.
  const token = bearerToken(req) ?? requestCookieToken(req, roomId);
  if (token === null) throw new HttpError(401, 'unauthorized', 'missing Authorization: Bearer <token>');
  const isAdmin = sameSecret(token, deps.adminToken);
  const resolved = isAdmin ? null : await deps.rooms.resolveToken(token);
  if (!isAdmin && resolved === null) throw new HttpError(401, 'unauthorized', 'unknown token');
  if (!(await deps.rooms.get(roomId))) throw new HttpError(404, 'unknown_room', `no room ${roomId}`);
  const caller: Caller = resolved ? resolved.role : 'admin';
  if (resolved && resolved.roomId !== roomId) {
    throw new HttpError(403, 'forbidden', 'this token belongs to another room');
  }
  if (!allowed.includes(caller)) {
    throw new HttpError(403, 'forbidden', `the ${caller} token may not do this; allowed: ${allowed.join(', ')}`);
  }
  return caller;
}
