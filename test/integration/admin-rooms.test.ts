// The admin screen's calls through the real server: rename, archive, what a delete loses, delete; rotating and
// revoking a seat's token closes that seat's open screens (told why) and only those; the old token opens nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectError, connectLive, once } from '../helpers/live-client.ts';
import { ADMIN, createRoom, importAll, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const call = (method: string, url: string, token = ADMIN, payload?: unknown) =>
  s.app.inject({
    method: method as 'GET',
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const disconnected = (so: ReturnType<typeof connectLive>) =>
  new Promise<string>((resolve) => so.once('disconnect', (reason) => resolve(reason)));

describe('admin: rooms', () => {
  it('renames and archives a room, and lists it so', async () => {
    const room = await createRoom(s, '旧名字');
    const renamed = await call('PATCH', `/api/rooms/${room.id}`, ADMIN, { name: '今晚专场' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: room.id, name: '今晚专场', archivedAt: null });
    const archived = await call('PATCH', `/api/rooms/${room.id}`, ADMIN, { archived: true });
    expect(archived.json().archivedAt).toEqual(expect.any(Number));
    const listed = (await call('GET', '/api/rooms')).json() as { id: string; archivedAt: number | null }[];
    expect(listed.find((r) => r.id === room.id)?.archivedAt).toEqual(expect.any(Number));
    await call('PATCH', `/api/rooms/${room.id}`, ADMIN, { archived: false });
    expect((await call('GET', `/api/rooms/${room.id}`, room.tokens.viewer)).json().name).toBe('今晚专场');
  });

  it("stops an archived room's sources, leaves them off at boot, and starts them again when it is brought back", async () => {
    const room = await createRoom(s, '归档测试');
    const put = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/source`,
      headers: { authorization: `Bearer ${room.tokens.controller}` },
      payload: { kind: 'simulator', seed: 4, speed: 1, peakOnline: 100 },
    });
    expect(put.statusCode).toBe(200);
    const fed = () => s.services.registry.loaded(room.id)?.driver ?? null;
    expect(fed()).not.toBeNull();
    await call('PATCH', `/api/rooms/${room.id}`, ADMIN, { archived: true });
    expect(fed()).toBeNull();
    // A restart starts every stored source but this room's.
    expect(await s.roomSources.restoreAll(() => {})).toBe(0);
    expect(fed()).toBeNull();
    expect((await call('GET', `/api/rooms/${room.id}/usage`)).json().sources).toBe(1); // still configured
    await call('PATCH', `/api/rooms/${room.id}`, ADMIN, { archived: false });
    expect(fed()).not.toBeNull();
  });

  it('refuses bad input and other tokens with codes', async () => {
    const room = await createRoom(s);
    expect((await call('PATCH', `/api/rooms/${room.id}`, ADMIN, {})).statusCode).toBe(400);
    expect((await call('PATCH', `/api/rooms/${room.id}`, ADMIN, { name: '' })).statusCode).toBe(400);
    const asController = await call('PATCH', `/api/rooms/${room.id}`, room.tokens.controller, { name: 'x' });
    expect(asController.statusCode).toBe(401);
    expect((await call('PATCH', '/api/rooms/r_000000000000', ADMIN, { name: 'x' })).json().code).toBe('unknown_room');
    expect((await call('POST', `/api/rooms/${room.id}/seats/boss/rotate`)).statusCode).toBe(400);
  });

  it('names what a delete loses, then deletes it all and closes its screens', async () => {
    const room = await createRoom(s);
    const t0 = Date.UTC(2025, 0, 1, 12);
    const events = [0, 1, 2].map((i) => ({ type: 'comment', ts: t0 + i * 1000, userId: `u${i}`, text: '你好' }));
    expect((await importAll(s, room.id, events)).statusCode).toBe(200);
    const usage = (await call('GET', `/api/rooms/${room.id}/usage`)).json();
    expect(usage).toMatchObject({ sessions: 1, events: 3, products: 0, sources: 0, firstTs: t0, lastTs: t0 + 2000 });
    const so = connectLive(s.url, room.id, room.tokens.host);
    await once(so, 'room:snapshot');
    const closed = once(so, 'seat:closed');
    const gone = disconnected(so);
    expect((await call('DELETE', `/api/rooms/${room.id}`)).statusCode).toBe(204);
    expect((await closed).code).toBe('room_deleted');
    expect(await gone).toBe('io server disconnect');
    expect((await call('GET', `/api/rooms/${room.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/rooms/${room.id}/usage`)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/rooms/${room.id}`)).statusCode).toBe(404);
  });
});

describe('admin: seat tokens', () => {
  it('rotates a seat: its screens are told and closed, other seats stay, the old token opens nothing', async () => {
    const room = await createRoom(s);
    const host = connectLive(s.url, room.id, room.tokens.host);
    const controller = connectLive(s.url, room.id, room.tokens.controller);
    await Promise.all([once(host, 'room:snapshot'), once(controller, 'room:snapshot')]);
    let controllerClosed = false;
    controller.on('seat:closed', () => {
      controllerClosed = true;
    });
    const told = once(host, 'seat:closed');
    const rotated = await call('POST', `/api/rooms/${room.id}/seats/host/rotate`);
    expect(rotated.statusCode).toBe(200);
    const seats = rotated.json() as Record<string, string>;
    expect(seats.host).not.toBe(room.tokens.host);
    expect(seats.controller).toBe(room.tokens.controller);
    expect(await told).toMatchObject({ code: 'seat_rotated', message: expect.any(String) });
    expect((await call('GET', `/api/rooms/${room.id}`, room.tokens.host)).statusCode).toBe(401);
    const stale = connectLive(s.url, room.id, room.tokens.host);
    expect((await connectError(stale)).data).toMatchObject({ code: 'unauthorized' });
    const fresh = connectLive(s.url, room.id, seats.host!);
    await once(fresh, 'room:snapshot');
    // The controller's screen still answers (a round trip after the rotation), and was never told to close.
    const resync = await controller.timeout(5000).emitWithAck('room:resync', {});
    expect(resync.ok).toBe(true);
    expect(controllerClosed).toBe(false);
    expect(controller.connected).toBe(true);
    for (const so of [host, controller, stale, fresh]) so.disconnect();
  });

  it('revokes a seat: no token until rotated again', async () => {
    const room = await createRoom(s);
    const viewer = connectLive(s.url, room.id, room.tokens.viewer);
    await once(viewer, 'room:snapshot');
    const told = once(viewer, 'seat:closed');
    const revoked = (await call('DELETE', `/api/rooms/${room.id}/seats/viewer`)).json() as Record<string, string>;
    expect(revoked.viewer).toBeUndefined();
    expect((await told).code).toBe('seat_revoked');
    expect((await call('GET', `/api/rooms/${room.id}/seats`)).json().viewer).toBeUndefined();
    expect((await call('GET', `/api/rooms/${room.id}/state`, room.tokens.viewer)).statusCode).toBe(401);
    const again = (await call('POST', `/api/rooms/${room.id}/seats/viewer/rotate`)).json() as Record<string, string>;
    expect((await call('GET', `/api/rooms/${room.id}/state`, again.viewer)).statusCode).toBe(200);
    viewer.disconnect();
  });
});
