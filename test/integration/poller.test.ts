// The pull source against a local HTTP server: counts become events, totals become deltas, errors back off
// and show in the source health the screen reads.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, type LiveSocket, once, waitForState } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let platform: http.Server;
let platformUrl = '';
let reply: { status: number; body: unknown } = { status: 200, body: {} };
let hits = 0;
let so: LiveSocket;

beforeAll(async () => {
  platform = http.createServer((_req, res) => {
    hits++;
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  platformUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}/room/stats`;
  s = await startServer({ tickHz: 10 });
});
afterAll(async () => {
  so?.disconnect();
  await s.close();
  await new Promise((r) => platform.close(r));
});

describe('poll source', () => {
  it('maps gauges and running totals, and reports errors in its health', async () => {
    const room = await createRoom(s);
    so = connectLive(s.url, room.id, room.tokens.controller);
    await once(so, 'room:snapshot');
    reply = { status: 200, body: { data: { online: 123, exposure_total: 1000, likes_total: 50 } } };
    const res = await fetch(`${s.url}/api/rooms/${room.id}/source`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${room.tokens.controller}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'poll',
        url: platformUrl,
        intervalMs: 200,
        mapping: { online: 'data.online', exposureTotal: 'data.exposure_total', likesTotal: 'data.likes_total' },
      }),
    });
    expect(res.status).toBe(200);
    const first = await waitForState(so, (m) => m.online === 123 && m.source.status === 'ok');
    expect(first.source.kind).toBe('poll');
    expect(first.funnel.stages.exposure).toBe(0); // the first total is only a base
    reply = { status: 200, body: { data: { online: 150, exposure_total: 1400, likes_total: 80 } } };
    const next = await waitForState(so, (m) => m.online === 150);
    expect(next.funnel.stages.exposure).toBe(400);
    expect(next.likes).toBe(30);
    reply = { status: 503, body: { error: 'down' } };
    const failing = await waitForState(so, (m) => m.source.status === 'error', 8000);
    expect(failing.source.error).toContain('503');
    expect(failing.online).toBe(150); // a failing source is not a dip
    const hitsAtError = hits;
    reply = { status: 200, body: { data: { online: 160, exposure_total: 1500, likes_total: 80 } } };
    const healed = await waitForState(so, (m) => m.source.status === 'ok' && m.online === 160, 8000);
    expect(healed.source.error).toBeNull();
    expect(hits).toBeGreaterThan(hitsAtError);
  });

  it('rejects a bad source config with a code', async () => {
    const room = await createRoom(s);
    const res = await fetch(`${s.url}/api/rooms/${room.id}/source`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${room.tokens.controller}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'poll', url: 'ftp://x', intervalMs: 5, mapping: {} }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('invalid_request');
  });
});
