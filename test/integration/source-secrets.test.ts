// Source secrets are write-only (issue 16.6): no seat, admin included, reads a poll source's headers or a shop
// webhook's keys back; a listing sent back unchanged keeps them (the source still authenticates), a new
// value replaces them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doudianSign } from '../../server/sources/connectors/shop/douyin-shop.ts';
import { ADMIN, createRoom, startServer, type TestServer } from '../helpers/server.ts';

const BEARER = 'Bearer poll-secret-4711';
const SHOP = { secret: 'shop-secret-0815', appKey: 'shop-app-key-42' };

let s: TestServer;
let platform: http.Server;
let url = '';
/** Resolves at the next request the platform answers 200 (its authorization header was the right one). */
let nextAuthorized: (() => void) | null = null;
let lastAuth: string | undefined;

beforeAll(async () => {
  platform = http.createServer((req, res) => {
    lastAuth = req.headers.authorization;
    const ok = lastAuth === BEARER;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { online: 7 } }));
    if (ok) nextAuthorized?.();
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(platform.address() as AddressInfo).port}/stats`;
  s = await startServer({ listen: false });
});
afterAll(async () => {
  await s?.close();
  await new Promise((r) => platform.close(r));
});

const authorized = () => new Promise<void>((r) => (nextAuthorized = r));

async function call(method: 'GET' | 'POST' | 'PUT', path: string, token: string, payload?: object) {
  const res = await s.app.inject({ method, url: path, headers: { authorization: `Bearer ${token}` }, payload });
  return { status: res.statusCode, body: res.json(), text: res.body };
}

async function stored(roomId: string, id: string) {
  const room = await s.services.rooms.get(roomId);
  return (room!.source as { id: string; config: Record<string, unknown> }[]).find((e) => e.id === id)!.config;
}

describe('source secrets are write-only', () => {
  it('masks headers and keys for every seat, admin included', async () => {
    const room = await createRoom(s);
    const first = authorized();
    const poll = {
      kind: 'poll',
      url,
      intervalMs: 200,
      headers: { authorization: BEARER },
      mapping: { online: 'data.online' },
    };
    expect(
      (await call('POST', `/api/rooms/${room.id}/sources`, room.tokens.controller, { id: 'stats', source: poll }))
        .status,
    ).toBe(201);
    const shop = { kind: 'shop-webhook', platform: 'douyin-shop', ...SHOP };
    const added = await call('POST', `/api/rooms/${room.id}/sources`, room.tokens.controller, {
      id: 'shop',
      source: shop,
    });
    expect(added.status).toBe(201);
    expect(added.text).not.toContain(SHOP.secret);
    await first;
    for (const token of [ADMIN, room.tokens.controller, room.tokens.viewer, room.tokens.host, room.tokens.ingest]) {
      const list = await call('GET', `/api/rooms/${room.id}/sources`, token);
      expect(list.status).toBe(200);
      for (const secret of [BEARER, 'poll-secret-4711', SHOP.secret, SHOP.appKey])
        expect(list.text).not.toContain(secret);
      const byId = Object.fromEntries(list.body.sources.map((x: { id: string; config: unknown }) => [x.id, x.config]));
      expect(byId.stats.headers).toEqual({ authorization: '********' });
      expect(byId.shop).toMatchObject({ secret: '********', appKey: '********' });
    }
  });

  it('keeps a masked secret on update (the source still authenticates) and takes a new one', async () => {
    const room = await createRoom(s);
    const base = `/api/rooms/${room.id}/sources`;
    const poll = {
      kind: 'poll',
      url,
      intervalMs: 200,
      headers: { authorization: BEARER },
      mapping: { online: 'data.online' },
    };
    const first = authorized();
    await call('POST', base, room.tokens.controller, { id: 'stats', source: poll });
    await first;
    const listed = (await call('GET', base, room.tokens.viewer)).body.sources[0].config;
    expect(listed.headers.authorization).toBe('********');
    // The form sends the listing back with one field changed: the stored header is kept, so the platform
    // answers 200 to the restarted source.
    const again = authorized();
    const put = await call('POST', base, room.tokens.controller, {
      id: 'stats',
      source: { ...listed, intervalMs: 300 },
    });
    expect(put.status).toBe(201);
    await again;
    expect(await stored(room.id, 'stats')).toMatchObject({ intervalMs: 300, headers: { authorization: BEARER } });
    // A new value replaces the stored one.
    const changed = { ...listed, headers: { authorization: 'Bearer rotated' } };
    expect((await call('POST', base, room.tokens.controller, { id: 'stats', source: changed })).status).toBe(201);
    expect(await stored(room.id, 'stats')).toMatchObject({ headers: { authorization: 'Bearer rotated' } });
    // PUT /source (the one driving source) keeps masks the same way.
    const main = authorized();
    expect((await call('PUT', `/api/rooms/${room.id}/source`, room.tokens.controller, poll)).status).toBe(200);
    await main;
    expect(
      (
        await call('PUT', `/api/rooms/${room.id}/source`, room.tokens.controller, {
          ...poll,
          headers: { authorization: '********' },
        })
      ).status,
    ).toBe(200);
    expect(await stored(room.id, 'main')).toMatchObject({ headers: { authorization: BEARER } });
  });

  it('a shop webhook sent back masked still verifies pushes signed with the stored secret', async () => {
    const room = await createRoom(s);
    const base = `/api/rooms/${room.id}/sources`;
    await call('POST', base, room.tokens.controller, {
      id: 'shop',
      source: { kind: 'shop-webhook', platform: 'douyin-shop', ...SHOP },
    });
    const listed = (await call('GET', base, ADMIN)).body.sources[0].config;
    const sent = { ...listed, productMap: { '1': 'p1' } };
    expect((await call('POST', base, room.tokens.controller, { id: 'shop', source: sent })).status).toBe(201);
    const body = '[]';
    const push = await s.app.inject({
      method: 'POST',
      url: `/api/rooms/${room.id}/webhooks/douyin-shop`,
      headers: {
        'content-type': 'application/json',
        'app-id': SHOP.appKey,
        'event-sign': doudianSign(SHOP.appKey, body, SHOP.secret),
      },
      payload: body,
    });
    expect(push.statusCode).toBe(200);
    expect(await stored(room.id, 'shop')).toMatchObject({ ...SHOP, productMap: { '1': 'p1' } });
  });

  it('refuses the mask for a secret that was never stored, with a code and a sentence', async () => {
    const room = await createRoom(s);
    const source = { kind: 'shop-webhook', platform: 'douyin-shop', secret: '********', appKey: 'a' };
    const res = await call('POST', `/api/rooms/${room.id}/sources`, room.tokens.controller, { id: 'shop', source });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('secret_unknown');
    expect(res.body.message).toContain('secret');
  });
});
