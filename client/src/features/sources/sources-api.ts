// The sources endpoints with the seat cookie of the page's seat.
import type { SourceHealth } from '../../../../shared/state.ts';
import { readLocation, seatHeaders } from '../../lib/location.ts';

export interface SourceView {
  id: string;
  config: { kind: string } & Record<string, unknown>;
  health: SourceHealth;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const { seat } = readLocation();
  try {
    const res = await fetch(path, {
      method,
      headers: { ...seatHeaders(seat ?? ''), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (res.ok) return { ok: true, data: json as T };
    return {
      ok: false,
      code: String(json?.code ?? `http_${res.status}`),
      message: String(json?.message ?? res.statusText),
    };
  } catch (err) {
    return { ok: false, code: 'offline', message: err instanceof Error ? err.message : String(err) };
  }
}

const base = (roomId: string) => `/api/rooms/${encodeURIComponent(roomId)}/sources`;

export const listSources = (roomId: string) => call<{ sources: SourceView[] }>('GET', base(roomId));
export const addSource = (roomId: string, id: string, source: unknown) =>
  call<{ sources: SourceView[] }>('POST', base(roomId), { id, source });
export const removeSource = (roomId: string, id: string) =>
  call<{ sources: SourceView[] }>('DELETE', `${base(roomId)}/${encodeURIComponent(id)}`);
