// Operations: readiness beside liveness (503 once a shutdown began), and the OpenAPI document generated from
// the routes' TypeBox schemas, with its browsable page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ listen: false });
});
afterAll(() => s.close());

describe('readiness and liveness', () => {
  it('is ready while it runs, and not ready once a shutdown began, while still alive', async () => {
    const ready = await s.app.inject({ url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', rebuilding: 0 });
    s.lifecycle.shuttingDown = true;
    const draining = await s.app.inject({ url: '/api/ready' });
    expect(draining.statusCode).toBe(503);
    expect(draining.json()).toMatchObject({ status: 'not_ready', reason: 'shutting_down' });
    expect((await s.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    s.lifecycle.shuttingDown = false;
  });
});

describe('OpenAPI', () => {
  it('documents every route with its schemas, the admin calls included', async () => {
    const res = await s.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/rooms', '/api/rooms/{id}', '/api/rooms/{id}/seats/{seat}/rotate', '/api/ready'])
      expect(Object.keys(doc.paths)).toContain(p);
    const patch = doc.paths['/api/rooms/{id}']!.patch!;
    expect(patch.requestBody).toBeDefined();
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
    expect(JSON.stringify(doc.paths['/api/rooms/{id}/products']!.put)).toContain('"stock"');
  });

  it('serves the browsable page', async () => {
    const page = await s.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });
});

describe('OpenAPI groups', () => {
  it('tags every API route by what it is for, and leaves the client shell out', async () => {
    const doc = (await s.app.inject({ url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const untagged = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.tags?.length)
        .map(([m]) => `${m} ${p}`),
    );
    expect(untagged).toEqual([]);
    expect(doc.paths['/api/rooms/{id}/events']!.post!.tags).toEqual(['ingest']);
    expect(doc.paths['/api/rooms/{id}/seats/{seat}/rotate']!.post!.tags).toEqual(['admin']);
    expect(Object.keys(doc.paths).some((p) => p === '/*')).toBe(false);
  });
});
