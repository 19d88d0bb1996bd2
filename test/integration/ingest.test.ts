// Push ingest through the real HTTP route: good events are stored and counted once; every kind of bad input
// gets a code and a message and never takes valid events in the same batch down with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createRoom, METRICS, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
let other: Awaited<ReturnType<typeof createRoom>>;
const now = () => Date.now();

beforeAll(async () => {
  s = await startServer({ listen: false, autoTick: false });
  room = await createRoom(s);
  other = await createRoom(s, '别的直播间');
});
afterAll(() => s.close());

function post(body: string | Buffer, opts: { token?: string; type?: string; roomId?: string } = {}) {
  return s.app.inject({
    method: 'POST',
    url: `/api/rooms/${opts.roomId ?? room.id}/events`,
    headers: {
      authorization: `Bearer ${opts.token ?? room.tokens.ingest}`,
      'content-type': opts.type ?? 'application/json',
    },
    payload: body,
  });
}

describe('POST /api/rooms/:id/events', () => {
  it('accepts a JSON array and shows it in the state', async () => {
    const t = now();
    const res = await post(
      JSON.stringify([
        { type: 'viewer_enter', ts: t, userId: 'a' },
        { type: 'viewer_enter', ts: t + 1, userId: 'b' },
        { type: 'comment', ts: t + 2, userId: 'a', text: '多少钱' },
      ]),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const state = await s.app.inject({
      url: `/api/rooms/${room.id}/state`,
      headers: { authorization: `Bearer ${room.tokens.viewer}` },
    });
    expect(state.statusCode).toBe(200);
    const body = state.json();
    expect(body.online).toBe(2);
    expect(body.cumulativeViewers).toBe(2);
    expect(body.comments).toBe(1);
  });

  it('counts a repeated id once, within a batch and across requests', async () => {
    const t = now();
    const e = { type: 'like', ts: t, id: 'like-1', count: 3 };
    const first = await post(JSON.stringify([e, e]));
    expect(first.json()).toMatchObject({ accepted: 1, duplicates: 1 });
    const again = await post(JSON.stringify([e]));
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('rejects each bad event alone with a code, keeping the valid ones', async () => {
    const t = now();
    const batch = [
      { type: 'comment', ts: t, userId: 'c', text: 'ok' }, // 0 valid
      { type: 'teleport', ts: t }, // 1 unknown type
      { type: 'order_created', ts: t, orderId: 'o1', productId: 'p1', amount: -5 }, // 2 negative amount
      { type: 'order_paid', ts: t, orderId: 'o1', amount: 'NaN' }, // 3 wrong type
      { type: 'comment', ts: t, text: 'x'.repeat(100_000) }, // 4 huge string
      { type: 'comment', ts: t + 86_400_000, text: '未来' }, // 5 far future
      { type: 'comment', ts: t - 40 * 86_400_000, text: '过去' }, // 6 far past
      'just a string', // 7 not an object
      { type: 'viewer_enter', ts: t, userId: 'd', extra: 1 }, // 8 unknown field
      { type: 'comment', ts: t, text: 'bell\u0007' }, // 9 control char
      { type: 'viewer_enter', ts: t, userId: 'e' }, // 10 valid
    ];
    const res = await post(JSON.stringify(batch));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(2);
    const codes = Object.fromEntries(body.rejected.map((r: { index: number; code: string }) => [r.index, r.code]));
    expect(codes).toEqual({
      1: 'unknown_type',
      2: 'invalid_field',
      3: 'invalid_field',
      4: 'invalid_field',
      5: 'ts_out_of_range',
      6: 'ts_out_of_range',
      7: 'not_an_object',
      8: 'invalid_field',
      9: 'invalid_text',
    });
    for (const r of body.rejected) expect(r.message.length).toBeGreaterThan(5);
  });

  it('judges NDJSON line by line: broken JSON and invalid UTF-8 reject only their line', async () => {
    const t = now();
    const good = (u: string) => Buffer.from(`${JSON.stringify({ type: 'viewer_enter', ts: t, userId: u })}\n`);
    const body = Buffer.concat([
      good('n1'),
      Buffer.from('{"type": "comment", "ts": \n'),
      Buffer.concat([
        Buffer.from(`{"type":"comment","ts":${t},"text":"`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}\n'),
      ]),
      Buffer.from('\r\n'),
      good('n2'),
    ]);
    const res = await post(body, { type: 'application/x-ndjson' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: 2,
      rejected: [
        { index: 1, code: 'invalid_json' },
        { index: 2, code: 'invalid_utf8' },
      ],
    });
  });

  it('rejects only the events with invalid UTF-8 inside a JSON array', async () => {
    const t = now();
    const body = Buffer.concat([
      Buffer.from(`[{"type":"viewer_enter","ts":${t},"userId":"j1"},{"type":"comment","ts":${t},"text":"`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}]'),
    ]);
    const res = await post(body);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: 'invalid_utf8' }] });
  });

  it('answers 400 for an unparseable body, 401 bad token, 403 foreign token, 404 unknown room', async () => {
    const bad = await post('{not json');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_json');
    const noAuth = await post('[]', { token: 'nope' });
    expect(noAuth.statusCode).toBe(401);
    expect(noAuth.json().code).toBe('unauthorized');
    const foreign = await post('[]', { token: other.tokens.ingest });
    expect(foreign.statusCode).toBe(403);
    const viewer = await post('[]', { token: room.tokens.viewer });
    expect(viewer.statusCode).toBe(403);
    const unknown = await post('[]', { roomId: 'r_nope', token: ADMIN });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('unknown_room');
  });

  it('answers 413 for more than 10,000 events or more than 5 MB', async () => {
    const t = now();
    const many = Array.from({ length: 10_001 }, (_, i) => ({ type: 'like', ts: t, count: 1, id: `m${i}` }));
    const res = await post(JSON.stringify(many));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('too_many_events');
    const huge = await post(`[${' '.repeat(6 * 1024 * 1024)}]`);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('payload_too_large');
  });

  it('keeps the server healthy after all that', async () => {
    const res = await s.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const metrics = await s.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS}` } });
    expect(metrics.body).toContain('live_events_rejected_total');
    expect(metrics.body).toContain('live_events_accepted_total');
  });
});
