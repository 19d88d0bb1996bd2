// The admin screen's calls: every one carries the admin token and answers a typed result (lib/api.ts), never
// throws; a refusal keeps the server's code and message so the screen can show them.
import type { AdminRoom, RoleName, RoomPatch, RoomUsage, SeatTokens } from '../../../../shared/admin.ts';
import type { Product } from '../../../../shared/events.ts';
import type { SourceHealth } from '../../../../shared/state.ts';
import { type ApiResult, apiResult } from '../../lib/api.ts';

export type { ApiResult };

export interface SourceView {
  id: string;
  config: { kind: string } & Record<string, unknown>;
  health: SourceHealth;
}

export interface AdminApi {
  rooms(): Promise<ApiResult<AdminRoom[]>>;
  create(name: string): Promise<ApiResult<{ id: string; name: string; tokens: SeatTokens }>>;
  update(id: string, patch: RoomPatch): Promise<ApiResult<AdminRoom>>;
  usage(id: string): Promise<ApiResult<RoomUsage>>;
  remove(id: string): Promise<ApiResult<null>>;
  seats(id: string): Promise<ApiResult<SeatTokens>>;
  rotate(id: string, seat: RoleName): Promise<ApiResult<SeatTokens>>;
  revoke(id: string, seat: RoleName): Promise<ApiResult<SeatTokens>>;
  room(id: string): Promise<ApiResult<{ id: string; name: string; products: Product[] }>>;
  setProducts(id: string, products: Product[]): Promise<ApiResult<{ products: number }>>;
  sources(id: string): Promise<ApiResult<{ sources: SourceView[] }>>;
  /** A one-time seat link's code (opens the seat once; the token stays out of the browser's history). */
  joinLink(id: string, seat: RoleName): Promise<ApiResult<{ code: string; expiresAt: number }>>;
}

export function adminApi(token: string): AdminApi {
  const call = <T>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> =>
    apiResult<T>(url, { method, token, ...(body === undefined ? {} : { body }) });
  const room = (id: string) => `/api/rooms/${encodeURIComponent(id)}`;
  return {
    rooms: () => call('GET', '/api/rooms'),
    create: (name) => call('POST', '/api/rooms', { name }),
    update: (id, patch) => call('PATCH', room(id), patch),
    usage: (id) => call('GET', `${room(id)}/usage`),
    remove: (id) => call('DELETE', room(id)),
    seats: (id) => call('GET', `${room(id)}/seats`),
    rotate: (id, seat) => call('POST', `${room(id)}/seats/${seat}/rotate`),
    revoke: (id, seat) => call('DELETE', `${room(id)}/seats/${seat}`),
    room: (id) => call('GET', room(id)),
    setProducts: (id, products) => call('PUT', `${room(id)}/products`, products),
    sources: (id) => call('GET', `${room(id)}/sources`),
    joinLink: (id, seat) => call('POST', `${room(id)}/seats/${seat}/join-link`),
  };
}
