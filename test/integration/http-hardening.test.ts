// Issue 9, token hygiene on the server: no token in logs, security headers on every screen (frames only for
// the prompter), failed authentication rate-limited per address on HTTP and socket handshakes, /metrics
// behind its own token.
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createTokenizer } from '../../server/engine/tokenizer.ts';
import { AUTH_FAILURE_WINDOW_MS, AUTH_FAILURES_PER_WINDOW } from '../../shared/constants.ts';
import { connectError, connectLive, once } from '../helpers/live-client.ts';
import { ADMIN, createRoom, FakeClock, type TestServer, tempDir } from '../helpers/server.ts';

const METRICS = 'metrics-token-0123456789';
const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
const logs: string[] = [];
let s: TestServer;

beforeAll(async () => {
  const clientDir = tempDir('client-');
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><div id="root"></div>');
  const dataDir = tempDir();
  const config = loadConfig({}, { DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'info', METRICS_TOKEN: METRICS });
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const built: App = await buildApp({
    config,
    clock,
    clientDir,
    logStream,
    autoTick: false,
    createTokenizer: () => createTokenizer(),
  });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(built.app.server.address() as { port: number }).port}`;
  s = { ...built, url, dataDir, close: () => built.app.close() };
});
afterAll(() => s.close());

describe('tokens out of logs', () => {
  it('logs request lines without their query string', async () => {
    const room = await createRoom(s);
    await fetch(`${s.url}/?room=${room.id}&token=${room.tokens.controller}`);
    await fetch(`${s.url}/api/rooms/${room.id}/source?token=${room.tokens.viewer}`);
    const all = logs.join('');
    expect(all).toContain('"url":"/"');
    expect(all).not.toContain(room.tokens.controller);
    expect(all).not.toContain(room.tokens.viewer);
  });
});

describe('security headers', () => {
  it('sends CSP, frame, referrer and content-type-options headers on the app shell', async () => {
    const res = await fetch(`${s.url}/?room=r_x&seat=controller`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets only the prompter be framed (an OBS dock)', async () => {
    const res = await fetch(`${s.url}/?room=r_x&seat=host`);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors *');
  });
});

describe('/metrics', () => {
  it('needs its own token', async () => {
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    const admin = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(admin.status).toBe(401);
    const ok = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('live_connected_screens');
  });
});

describe('failed authentication is rate-limited per address', () => {
  it('answers 429 after the budget, on HTTP and socket handshakes, until the window passes', async () => {
    clock.advance(AUTH_FAILURE_WINDOW_MS);
    const room = await createRoom(s);
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await s.app.inject({
        url: `/api/rooms/${room.id}/source`,
        headers: { authorization: `Bearer bad-${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((x) => x === 401).length).toBe(AUTH_FAILURES_PER_WINDOW);
    expect(statuses.slice(AUTH_FAILURES_PER_WINDOW).every((x) => x === 429)).toBe(true);
    const so = connectLive(s.url, room.id, 'bad-socket-token');
    const err = await connectError(so);
    expect((err.data as { code: string }).code).toBe('too_many_auth_failures');
    so.disconnect();
    // Issue 16.9: the address's failures never refuse a valid token, a seat's or the admin's, HTTP or socket.
    for (const token of [room.tokens.viewer, room.tokens.controller, ADMIN]) {
      const res = await s.app.inject({
        url: `/api/rooms/${room.id}/source`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode, token).toBe(200);
    }
    const valid = connectLive(s.url, room.id, room.tokens.viewer);
    await once(valid, 'room:snapshot');
    valid.disconnect();
    const stillBad = await s.app.inject({
      url: `/api/rooms/${room.id}/source`,
      headers: { authorization: 'Bearer bad-x' },
    });
    expect(stillBad.statusCode).toBe(429);
    expect(stillBad.headers['retry-after']).toBeDefined();
    expect(stillBad.json().code).toBe('too_many_auth_failures');
    clock.advance(AUTH_FAILURE_WINDOW_MS);
    const again = await s.app.inject({
      url: `/api/rooms/${room.id}/source`,
      headers: { authorization: `Bearer ${room.tokens.viewer}` },
    });
    expect(again.statusCode).toBe(200);
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  it('limits failed authentication per forwarded client address, not per proxy', async () => {
    const config = loadConfig({}, { DATA_DIR: tempDir(), ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'silent', TRUST_PROXY: true });
    const p = await buildApp({ config, clientDir: null, autoTick: false, createTokenizer: () => createTokenizer() });
    try {
      const get = (ip: string) =>
        p.app.inject({ url: '/api/rooms', headers: { authorization: 'Bearer wrong', 'x-forwarded-for': ip } });
      for (let i = 0; i < AUTH_FAILURES_PER_WINDOW; i++) expect((await get('203.0.113.7')).statusCode).toBe(401);
      expect((await get('203.0.113.7')).statusCode).toBe(429);
      expect((await get('198.51.100.9')).statusCode).toBe(401);
    } finally {
      await p.app.close();
    }
  });
});
