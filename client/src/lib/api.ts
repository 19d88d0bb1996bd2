// The client's one HTTP client: JSON in and out, the seat cookie travelling by itself (credentials as the
// browser sends them same-origin) with the seat named in a header, or the admin token as a bearer. Every
// refusal, whatever its shape ({ code, message } or { error: { code, message } }), and a lost network become
// one ApiError that keeps the server's code; apiResult gives the same as a value for screens that show it.
import { seatHeaders } from './location.ts';

export class ApiError extends Error {
  constructor(
    /** The HTTP status, or null when no answer came (offline, aborted). */
    readonly status: number | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number | null; code: string; message: string };

export interface ApiRequest {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** The room's seat this page speaks for (x-live-seat). */
  seat?: string;
  /** The admin token (Authorization: Bearer). */
  token?: string;
  signal?: AbortSignal;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The server's code and message, from either error shape; the HTTP status stands in when there is none. */
export function refusal(status: number, json: unknown, statusText = ''): ApiError {
  const b = (json ?? {}) as { code?: unknown; message?: unknown; error?: { code?: unknown; message?: unknown } };
  const code = text(b.code) ?? text(b.error?.code) ?? `http_${status}`;
  return new ApiError(status, code, text(b.message) ?? text(b.error?.message) ?? (statusText || code));
}

/** The answer itself (a download reads its blob); throws ApiError on a refusal or no answer. */
export async function apiFetch(path: string, req: ApiRequest = {}): Promise<Response> {
  const headers: Record<string, string> = {
    ...(req.seat !== undefined ? seatHeaders(req.seat) : {}),
    ...(req.token !== undefined ? { authorization: `Bearer ${req.token}` } : {}),
    ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
  };
  let res: Response;
  try {
    res = await fetch(path, {
      method: req.method ?? 'GET',
      headers,
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
  } catch (err) {
    const aborted = req.signal?.aborted ?? false;
    throw new ApiError(null, aborted ? 'aborted' : 'offline', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw refusal(res.status, await res.json().catch(() => null), res.statusText);
  return res;
}

/** The answer's JSON (null for 204 No Content); throws ApiError. */
export async function api<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const res = await apiFetch(path, req);
  if (res.status === 204) return null as T;
  try {
    return (await res.json()) as T;
  } catch (err) {
    throw new ApiError(res.status, 'bad_response', err instanceof Error ? err.message : String(err));
  }
}

/** api() as a value: never throws. */
export async function apiResult<T>(path: string, req: ApiRequest = {}): Promise<ApiResult<T>> {
  try {
    return { ok: true, data: await api<T>(path, req) };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { ok: false, status: err.status, code: err.code, message: err.message };
  }
}
