// Issue 16.9: names people type refuse control characters (NUL included), lone surrogates and bidi controls
// with 400 bad_text naming the field; Chinese and emoji names pass. Room create and rename, product names,
// alert rule names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textProblem } from '../../shared/display-text.ts';
import { ADMIN, createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ listen: false });
});
afterAll(() => s?.close());

const BAD: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['line break', '直播\n间'],
  ['tab', 'a\tb'],
  ['DEL', 'a\u007f'],
  ['C1', 'a\u0085'],
  ['lone high surrogate', 'a\ud800b'],
  ['lone low surrogate', '\udc00'],
  ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f].map(
    (c): [string, string] => [`U+${c.toString(16)}`, `abc${String.fromCodePoint(c)}gnp.exe`],
  ),
];
const GOOD = ['测试直播间', '🔥 双十一 大促 🛍️', 'Room #1 (EN) — 夜场', 'مرحبا', '👨‍👩‍👧 家庭装'];

const admin = { authorization: `Bearer ${ADMIN}` };

describe('plain-text names', () => {
  it.each(BAD)('refuses a room name with %s, on create and rename', async (_what, name) => {
    const created = await s.app.inject({ method: 'POST', url: '/api/rooms', headers: admin, payload: { name } });
    expect(created.statusCode).toBe(400);
    expect(created.json().code).toBe('bad_text');
    expect(created.json().message).toMatch(/^name contains /);
    const room = await createRoom(s);
    const renamed = await s.app.inject({
      method: 'PATCH',
      url: `/api/rooms/${room.id}`,
      headers: admin,
      payload: { name },
    });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().code).toBe('bad_text');
    expect((await s.services.rooms.get(room.id))!.name).toBe('测试直播间');
  });

  it('keeps Chinese, emoji and right-to-left names working', async () => {
    for (const name of GOOD) {
      expect(textProblem(name), name).toBeNull();
      const res = await s.app.inject({ method: 'POST', url: '/api/rooms', headers: admin, payload: { name } });
      expect(res.statusCode, name).toBe(201);
      expect(res.json().name).toBe(name);
      const renamed = await s.app.inject({
        method: 'PATCH',
        url: `/api/rooms/${res.json().id}`,
        headers: admin,
        payload: { name: `${name}2` },
      });
      expect(renamed.statusCode).toBe(200);
    }
  });

  it('refuses such product and alert rule names, naming the field', async () => {
    const room = await createRoom(s);
    const products = [
      { id: 'p1', name: '羽绒服 🧥', price: 100, stock: 5 },
      { id: 'p2', name: 'x\u202eevil', price: 1, stock: 1 },
    ];
    const res = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/products`,
      headers: admin,
      payload: products,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'bad_text' });
    expect(res.json().message).toContain('products[1].name');
    const ok = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/products`,
      headers: admin,
      payload: products.slice(0, 1),
    });
    expect(ok.statusCode).toBe(200);
    const list = (await s.app.inject({ url: `/api/rooms/${room.id}/alert-rules`, headers: admin })).json() as {
      name: string;
    }[];
    list[0]!.name = 'a\u0000b';
    const put = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/alert-rules`,
      headers: admin,
      payload: list,
    });
    expect(put.statusCode).toBe(400);
    expect(put.json()).toMatchObject({ code: 'bad_text' });
    expect(put.json().message).toContain('rules[0].name');
  });
});
