// Fastify serialises every answer through its route's response schema and silently drops what the schema does
// not name: a full 复盘 report must come out exactly as its builder made it, and the stored replay state byte for
// byte as the screens received it.
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../server/replay/report.ts';
import { AlertSchema } from '../../server/routes/alert-schemas.ts';
import { CueSchema } from '../../server/routes/report-schema.ts';
import { findSession } from '../../server/routes/sessions.ts';
import { ADMIN, createRoom, FakeClock, importAll, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
const A = Date.UTC(2025, 5, 1, 12); // previous session
const B = A + 3_600_000; // the reported one
const ev = (ts: number, type: string, f: Record<string, unknown> = {}) => ({ ts, type, ...f });
const users = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `u${from + i}`);

// Minute by minute, so each minute's end has a stored state (the minute series and its dips read those).
const minutesOfB = [
  [
    ev(B, 'explain_start', { productId: 'p1' }),
    ...users(10).map((u, i) => ev(B + 1000 + i * 100, 'viewer_enter', { userId: u })),
    ...users(6).map((u) => ev(B + 5000, 'product_exposure', { productId: 'p1', userId: u })),
    ev(B + 6000, 'product_click', { productId: 'p1', userId: 'u0' }),
    ev(B + 7000, 'order_created', { orderId: 'o1', productId: 'p1', userId: 'u0', amount: 59.9 }),
    ev(B + 8000, 'order_paid', { orderId: 'o1', amount: 59.9 }),
    ev(B + 9000, 'comment', { userId: 'u1', text: '多少钱' }),
    ev(B + 9500, 'follow', { userId: 'u1' }),
  ],
  [
    ...users(6).map((u) => ev(B + 61_000, 'viewer_leave', { userId: u })),
    ev(B + 90_000, 'explain_end', { productId: 'p1' }),
  ],
  [ev(B + 121_000, 'viewer_enter', { userId: 'u20' }), ev(B + 122_000, 'comment', { userId: 'u20', text: '已拍' })],
];

/** Imports at once, then ticks with the room's clock at `tickAt` (a stored state there, as live would have). */
// Each minute's last stored state, and the session's own end (the report's figures read the state there).
const ENDS_OF_B = [B + 59_999, B + 119_999, B + 122_999];
const clock = new FakeClock(A);

async function importEvents(events: { ts: number }[], tickAt: number) {
  // Server time when they happened, as live: a room never takes events beyond server time + 5 min (issue 16).
  clock.t = Math.max(clock.t, ...events.map((e) => e.ts));
  const res = await importAll(s, room.id, events);
  expect(res.json().accepted).toBe(events.length);
  clock.t = tickAt;
  s.ticker.tickAll();
}

beforeAll(async () => {
  s = await startServer({ clock, listen: false, autoTick: false });
  room = await createRoom(s, '响应结构');
  await s.app.inject({
    method: 'PUT',
    url: `/api/rooms/${room.id}/products`,
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: [{ id: 'p1', name: '保温杯', price: 59.9, stock: 100 }],
  });
  await importEvents(
    users(4).map((u, i) => ev(A + i * 1000, 'viewer_enter', { userId: u })),
    A + 3999,
  );
  // Server time reaches B before its events import (an import refuses events past server time + 5 min).
  clock.t = B;
  for (const [i, minute] of minutesOfB.entries()) await importEvents(minute, ENDS_OF_B[i]!);
  // An alert raised and resolved, and the cue sent for it, as the journal keeps them.
  const alert = { ...Value.Create(AlertSchema), id: 'a1', ruleId: 'online-drop', name: '在线人数骤降' };
  const raised = { ...alert, severity: 'critical', state: 'firing', activeAt: B + 62_000, firedAt: B + 65_000 };
  await s.services.journal.append(room.id, B + 65_000, 'alert', { type: 'raised', alert: raised });
  const resolved = { ...raised, state: 'resolved', resolvedAt: B + 100_000 };
  await s.services.journal.append(room.id, B + 100_000, 'alert', { type: 'resolved', alert: resolved });
  const cue = { ...Value.Create(CueSchema), id: 'c1', text: '福袋留人', alertId: 'a1', from: 'controller' };
  await s.services.journal.append(room.id, B + 66_000, 'cue', {
    ...cue,
    status: 'acked',
    sentAt: B + 66_000,
    ackedAt: B + 70_000,
  });
  await s.services.writer.flush();
});
afterAll(() => s.close());

const get = (url: string) => s.app.inject({ url, headers: { authorization: `Bearer ${room.tokens.viewer}` } });
const sessionB = async () => {
  const sessions = (await get(`/api/rooms/${room.id}/sessions`)).json() as { id: string; start: number }[];
  expect(sessions.map((x) => x.start)).toEqual([A, B]);
  return sessions[1]!;
};

describe('response schemas', () => {
  it('send the whole report: every field the builder wrote, nothing more, nothing altered', async () => {
    const session = await sessionB();
    const res = await get(`/api/sessions/${session.id}/report`);
    expect(res.statusCode).toBe(200);
    const built = JSON.parse(JSON.stringify(await buildReport(s.services, await findSession(s.services, session.id))));
    expect(res.json()).toEqual(built);
    // The fixture reaches every part of the report, so the comparison above covers all of them.
    const r = res.json();
    expect(new Set(r.markers.map((m: { kind: string }) => m.kind))).toEqual(
      new Set(['alert', 'cue', 'explain', 'dip']),
    );
    for (const part of ['fans', 'interaction', 'audience', 'clicks', 'conversion', 'comparison', 'weakestStage']) {
      expect(r[part], part).not.toBeNull();
    }
    expect(r.products.length).toBe(1);
    expect(r.explainSegments.length).toBe(1);
    expect(r.alertAudit).toMatchObject([{ alertId: 'a1', cueSent: true, cueAcked: true, recoveredWithin5Min: true }]);
    expect(r.alerts.length).toBe(2);
    expect(r.cues.length).toBe(1);
    expect(r.minutes.length).toBeGreaterThanOrEqual(3);
  });

  it('send the stored replay state byte for byte, and the session list whole', async () => {
    const session = await sessionB();
    const at = B + 61_500;
    const res = await get(`/api/sessions/${session.id}/state?at=${at}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe((await s.services.reader.screenAt(room.id, at))!.body);
    const listed = (await get(`/api/rooms/${room.id}/sessions`)).json()[1];
    expect(Object.keys(listed).sort()).toEqual([
      'durationSeconds',
      'end',
      'events',
      'headline',
      'id',
      'roomId',
      'start',
    ]);
    expect(listed.headline).not.toBeNull();
  });

  it('answer errors in the one error shape', async () => {
    const res = await get(`/api/sessions/${room.id}.1/report`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ statusCode: 404, code: 'unknown_session', message: `no session ${room.id}.1` });
  });
});
