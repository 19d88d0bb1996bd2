// The one API client: JSON both ways, the seat or the admin token in the headers, and every refusal (either
// error shape, or no answer at all) turned into one ApiError that keeps the server's code.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, apiResult } from '../../client/src/lib/api.ts';

type Call = { url: string; init: RequestInit };

function answer(status: number, body: unknown, statusText = ''): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, statusText });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('sends JSON with the seat header and reads JSON back', async () => {
    const calls = answer(200, { ok: 1 });
    await expect(api('/api/x', { method: 'PUT', seat: 'controller', body: [1] })).resolves.toEqual({ ok: 1 });
    const init = calls[0]!.init;
    expect(init.method).toBe('PUT');
    expect(init.body).toBe('[1]');
    expect(init.headers).toEqual({ 'x-live-seat': 'controller', 'content-type': 'application/json' });
  });

  it('carries the admin token as a bearer and answers null for 204', async () => {
    const calls = answer(204, undefined);
    await expect(api('/api/rooms/r', { method: 'DELETE', token: 'tok' })).resolves.toBeNull();
    expect(calls[0]!.init.headers).toEqual({ authorization: 'Bearer tok' });
  });

  it('keeps the code and message of { code, message } and of { error: { code, message } }', async () => {
    answer(409, { statusCode: 409, code: 'room_busy', message: 'busy' });
    await expect(api('/api/x')).rejects.toMatchObject({ status: 409, code: 'room_busy', message: 'busy' });
    answer(400, { error: { code: 'invalid_rule', message: 'bad rule' } });
    const err = await api('/api/x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'invalid_rule', message: 'bad rule' });
  });

  it('names a refusal without a body by its status, and no answer as offline', async () => {
    answer(502, 'not json', 'Bad Gateway');
    await expect(apiResult('/api/x')).resolves.toEqual({
      ok: false,
      status: 502,
      code: 'http_502',
      message: 'Bad Gateway',
    });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(apiResult('/api/x')).resolves.toEqual({
      ok: false,
      status: null,
      code: 'offline',
      message: 'Failed to fetch',
    });
  });
});
