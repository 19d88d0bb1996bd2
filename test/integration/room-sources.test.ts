// Several sources per room: each listed with its own health, stored, and started again after a restart.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createRoom, startServer, type TestServer, tempDir } from '../helpers/server.ts';

let platform: http.Server;
let base = '';
const hits: Record<string, number> = {};

beforeAll(async () => {
  platform = http.createServer((req, res) => {
    hits[req.url!] = (hits[req.url!] ?? 0) + 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ online: req.url === '/a' ? 10 : 20 }));
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => platform.close(r)));

const poll = (path: string) => ({
  kind: 'poll',
  url: `${base}${path}`,
  intervalMs: 200,
  mapping: { online: 'online' },
});
const admin = { authorization: `Bearer ${ADMIN}` };

async function list(s: TestServer, roomId: string) {
  const res = await s.app.inject({ method: 'GET', url: `/api/rooms/${roomId}/sources`, headers: admin });
  expect(res.statusCode).toBe(200);
  return (res.json() as { sources: { id: string; config: { kind: string }; health: { status: string } }[] }).sources;
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met: ${JSON.stringify(v)}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('several sources per room', () => {
  it('adds, lists, restarts at boot, removes, and PUT /source still sets the one source', async () => {
    const dataDir = tempDir();
    let s = await startServer({ dataDir });
    const room = await createRoom(s);
    for (const [id, path] of [
      ['feed', '/a'],
      ['shop', '/b'],
    ] as const) {
      const res = await s.app.inject({
        method: 'POST',
        url: `/api/rooms/${room.id}/sources`,
        headers: { authorization: `Bearer ${room.tokens.controller}` },
        payload: { id, source: poll(path) },
      });
      expect(res.statusCode).toBe(201);
    }
    const both = await until(
      () => list(s, room.id),
      (l) => l.length === 2 && l.every((x) => x.health.status === 'ok'),
    );
    expect(both.map((x) => x.id)).toEqual(['feed', 'shop']);
    await s.close();

    const hitsBefore = hits['/b'] ?? 0;
    s = await startServer({ dataDir });
    const restored = await until(
      () => list(s, room.id),
      (l) => l.length === 2 && l.every((x) => x.health.status === 'ok'),
    );
    expect(restored.map((x) => x.id)).toEqual(['feed', 'shop']);
    expect(hits['/b']).toBeGreaterThan(hitsBefore);

    const del = await s.app.inject({ method: 'DELETE', url: `/api/rooms/${room.id}/sources/shop`, headers: admin });
    expect(del.statusCode).toBe(200);
    expect((await list(s, room.id)).map((x) => x.id)).toEqual(['feed']);
    const missing = await s.app.inject({ method: 'DELETE', url: `/api/rooms/${room.id}/sources/shop`, headers: admin });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('no_source');

    const put = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/source`,
      headers: admin,
      payload: poll('/b'),
    });
    expect(put.statusCode).toBe(200);
    expect((await list(s, room.id)).map((x) => x.id)).toEqual(['main']);
    const none = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/source`,
      headers: admin,
      payload: { kind: 'none' },
    });
    expect(none.json().source.kind).toBe('push');
    expect(await list(s, room.id)).toEqual([]);
    await s.close();
  });
});

describe('connector addresses go through the outbound policy', () => {
  it('refuses loopback relay and danmaku addresses unless SOURCE_ALLOW lists them', async () => {
    const s = await startServer({ sourceAllow: '', listen: false });
    const room = await createRoom(s);
    for (const source of [
      { kind: 'douyin-relay', url: 'ws://127.0.0.1:1088/ws/1' },
      { kind: 'bilibili', roomId: 1, address: 'ws://localhost:1/sub' },
    ]) {
      const res = await s.app.inject({
        method: 'POST',
        url: `/api/rooms/${room.id}/sources`,
        headers: admin,
        payload: { id: 'x', source },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('address_refused');
    }
    expect(await list(s, room.id)).toEqual([]);
    await s.close();
  });
});
