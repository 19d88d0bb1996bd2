// Bodies are judged as sent: an unknown field or a wrong type is refused with 400 `invalid_request` naming the
// field, and what was stored before stays as it was. Querystrings and params still arrive as strings and are
// read as their types.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRule } from '../../shared/alerts.ts';
import { ADMIN, createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
const T0 = Date.UTC(2025, 5, 1, 12);

beforeAll(async () => {
  s = await startServer({ listen: false, autoTick: false });
  room = await createRoom(s, '校验');
});
afterAll(() => s.close());

const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, token = room.tokens.controller) =>
  s.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const rulesUrl = () => `/api/rooms/${room.id}/alert-rules`;
const storedRules = async () => (await call('GET', rulesUrl())).json() as AlertRule[];

function expectRefused(res: Awaited<ReturnType<typeof call>>, ...named: string[]) {
  expect(res.statusCode).toBe(400);
  const body = res.json();
  expect(body).toMatchObject({ statusCode: 400, code: 'invalid_request' });
  for (const n of named) expect(body.message).toContain(n);
}

describe('strict bodies', () => {
  it('refuses a rule with an unknown field and keeps the stored rules', async () => {
    const before = await storedRules();
    const res = await call('PUT', rulesUrl(), [{ ...before[0]!, note: 'x' }, ...before.slice(1)]);
    expectRefused(res, 'body/0', '"note"');
    expect(await storedRules()).toEqual(before);
  });

  it('refuses "forSeconds": "20" instead of reading it as 20', async () => {
    const before = await storedRules();
    const changed = before.map((r, i) => (i === 1 ? { ...r, forSeconds: '20' } : r));
    expectRefused(await call('PUT', rulesUrl(), changed), 'body/1/forSeconds', 'integer');
    expect(await storedRules()).toEqual(before);
  });

  it('refuses an unknown field inside a rule condition (a union of closed objects)', async () => {
    const before = await storedRules();
    const changed = before.map((r, i) => (i === 0 ? { ...r, condition: { ...r.condition, extra: 1 } } : r));
    expectRefused(await call('PUT', rulesUrl(), changed), 'body/0/condition');
    expect(await storedRules()).toEqual(before);
  });

  it('refuses an unknown field or a string price in the catalogue and keeps the products', async () => {
    const good = [{ id: 'p1', name: '保温杯', price: 59, stock: 100 }];
    expect((await call('PUT', `/api/rooms/${room.id}/products`, good)).statusCode).toBe(200);
    const products = async () => (await call('GET', `/api/rooms/${room.id}`)).json().products;
    expectRefused(await call('PUT', `/api/rooms/${room.id}/products`, [{ ...good[0], colour: 'red' }]), '"colour"');
    expectRefused(await call('PUT', `/api/rooms/${room.id}/products`, [{ ...good[0], price: '59' }]), 'price');
    expect(await products()).toEqual(good);
  });

  it('refuses an unknown field when creating a room and creates nothing', async () => {
    const count = async () => (await call('GET', '/api/rooms', undefined, ADMIN)).json().length;
    const before = await count();
    expectRefused(await call('POST', '/api/rooms', { name: '多余', owner: 'me' }, ADMIN), '"owner"');
    expectRefused(await call('POST', '/api/rooms', { name: 42 }, ADMIN), 'body/name');
    expect(await count()).toBe(before);
  });

  it('closes objects whose schema does not say so (simulator dips) and sessions actions', async () => {
    const source = async () => (await call('GET', `/api/rooms/${room.id}/source`)).json().source.kind;
    const before = await source();
    const dip = { kind: 'retention', atMs: 0, durationMs: 60_000, depth: 0.3, extra: true };
    expectRefused(await call('PUT', `/api/rooms/${room.id}/source`, { kind: 'simulator', dips: [dip] }), '"extra"');
    expectRefused(await call('PUT', `/api/rooms/${room.id}/source`, { kind: 'simulator', seed: '7' }), 'body');
    expect(await source()).toBe(before);
    expect((await s.services.rooms.get(room.id))?.source ?? null).toBeNull();
    expectRefused(await call('POST', `/api/rooms/${room.id}/session`, { action: 'start', at: 1 }), '"at"');
  });

  it('still accepts a valid source config whole (no field lost to another union branch)', async () => {
    const config = { kind: 'simulator', seed: 7, speed: 2, peakOnline: 1234 };
    expect((await call('PUT', `/api/rooms/${room.id}/source`, config)).statusCode).toBe(200);
    expect((await s.services.rooms.get(room.id))?.source).toEqual([{ id: 'main', config }]); // stored as the room's list of sources
    expect((await call('PUT', `/api/rooms/${room.id}/source`, { kind: 'none' })).statusCode).toBe(200);
  });
});

describe('querystrings and params are read from strings', () => {
  it('coerces ?at= to an integer and applies the import speed default', async () => {
    const other = await createRoom(s, '查询');
    const events = [
      { ts: T0, type: 'viewer_enter', userId: 'a' },
      { ts: T0 + 5000, type: 'comment', userId: 'a', text: '你好' },
    ];
    const imported = await s.app.inject({
      method: 'POST',
      url: `/api/rooms/${other.id}/import?format=ndjson`,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-ndjson' },
      payload: events.map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ speed: 0, accepted: 2 });
    s.ticker.tickAll();
    await s.services.writer.flush();

    const get = (url: string) => call('GET', url, undefined, other.tokens.viewer);
    const [session] = (await get(`/api/rooms/${other.id}/sessions`)).json() as { id: string; end: number }[];
    expect(session).toBeDefined();
    const at = await get(`/api/sessions/${session!.id}/state?at=${session!.end}`);
    expect(at.statusCode).toBe(200);
    expect(at.json().ts).toBeGreaterThanOrEqual(T0 + 5000);
    expectRefused(await get(`/api/sessions/${session!.id}/state?at=soon`), 'querystring/at');
    expectRefused(await get(`/api/sessions/${session!.id}/report.csv?table=orders`), 'querystring/table');
  });
});
