// Issue 16.8: one-time seat links. The admin mints a join link per seat; POST /api/session spends its code
// once for the seat cookie (the token itself never travels in an address); a spent, expired, forged, other
// room's or rotated seat's code opens nothing. The page a link opens is served `cache-control: no-store`.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_LINK_TTL_MS } from '../../server/http/join-links.ts';
import { joinCodeSeat } from '../../shared/seat-links.ts';
import { ADMIN, createRoom, FakeClock, startServer, type TestServer, tempDir } from '../helpers/server.ts';

const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
let s: TestServer;
beforeAll(async () => {
  const clientDir = tempDir('client-');
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><div id="root"></div>');
  s = await startServer({ clock, autoTick: false, clientDir, listen: false });
});
afterAll(() => s?.close());

async function mint(roomId: string, seat: string, token = ADMIN) {
  return s.app.inject({
    method: 'POST',
    url: `/api/rooms/${roomId}/seats/${seat}/join-link`,
    headers: { authorization: `Bearer ${token}` },
  });
}
const spend = (roomId: string, join: string) =>
  s.app.inject({ method: 'POST', url: '/api/session', payload: { roomId, join } });

describe('join links', () => {
  it('opens the seat once, with the seat cookie; the second opening is refused', async () => {
    const room = await createRoom(s);
    const minted = await mint(room.id, 'host');
    expect(minted.statusCode).toBe(200);
    const { code, expiresAt } = minted.json() as { code: string; expiresAt: number };
    expect(code).not.toContain(room.tokens.host);
    expect(expiresAt).toBe(clock.now() + JOIN_LINK_TTL_MS);
    expect(joinCodeSeat(code)).toBe('host');
    const first = await spend(room.id, code);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ roomId: room.id, seat: 'host' });
    expect(first.headers['cache-control']).toBe('no-store');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toContain(encodeURIComponent(room.tokens.host));
    const state = await s.app.inject({
      url: `/api/rooms/${room.id}/state`,
      headers: { cookie: cookie.split(';')[0]!, 'x-live-seat': 'host' },
    });
    expect(state.statusCode).toBe(200);
    const again = await spend(room.id, code);
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('join_link_used');
  });

  it('refuses a forged, another room’s, expired or rotated seat’s code', async () => {
    const room = await createRoom(s);
    const other = await createRoom(s);
    const code = (await mint(room.id, 'viewer')).json().code as string;
    expect((await spend(other.id, code)).json().code).toBe('bad_join_link');
    const [body, sig] = code.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), s: 'controller' })).toString('base64url')}.${sig}`;
    expect((await spend(room.id, forged)).statusCode).toBe(401);
    const rotated = (await mint(room.id, 'assistant')).json().code as string;
    await s.app.inject({
      method: 'POST',
      url: `/api/rooms/${room.id}/seats/assistant/rotate`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const afterRotate = await spend(room.id, rotated);
    expect(afterRotate.statusCode).toBe(401);
    expect(afterRotate.json().message).toContain('replaced or revoked');
    const late = (await mint(room.id, 'controller')).json().code as string;
    clock.advance(JOIN_LINK_TTL_MS + 1);
    expect((await spend(room.id, late)).json().code).toBe('join_link_expired');
  });

  it('is minted by the admin only, for seats with a screen', async () => {
    const room = await createRoom(s);
    expect((await mint(room.id, 'host', room.tokens.controller)).statusCode).toBe(401);
    expect((await mint(room.id, 'ingest')).statusCode).toBe(400);
  });

  it('serves the page a seat link opens with cache-control: no-store', async () => {
    const room = await createRoom(s);
    for (const q of [`room=${room.id}&token=${room.tokens.host}`, `room=${room.id}&join=x`, '']) {
      const page = await s.app.inject({ url: `/?${q}` });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control'], q).toBe('no-store');
    }
  });
});
