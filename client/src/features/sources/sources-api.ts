// The sources endpoints with the seat cookie of the page's seat.
import type { SourceHealth } from '../../../../shared/state.ts';
import { type ApiResult, apiResult } from '../../lib/api.ts';
import { readLocation } from '../../lib/location.ts';

export interface SourceView {
  id: string;
  config: { kind: string } & Record<string, unknown>;
  health: SourceHealth;
}

export type { ApiResult };

function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const { seat } = readLocation();
  return apiResult<T>(path, { method, seat: seat ?? '', ...(body ? { body } : {}) });
}

const base = (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/sources`;

export const listSources = (roomId: string) => call<{ sources: SourceView[] }>('GET', base(roomId));
export const addSource = (roomId: string, id: string, source: unknown) =>
  call<{ sources: SourceView[] }>('POST', base(roomId), { id, source });
export const removeSource = (roomId: string, id: string) =>
  call<{ sources: SourceView[] }>('DELETE', `${base(roomId)}/${encodeURIComponent(id)}`);
