// A room with imported past sessions shows its band and forecast over the socket, and takes targets from the
// 场控 screen (socket) and the admin (HTTP). Sessions are simulated and imported at once (event time).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../server/sources/simulator/simulator.ts';
import type { OutlookMessage } from '../../shared/outlook/outlook.ts';
import { connectLive, type LiveSocket, waitFor } from '../helpers/live-client.ts';
import { ADMIN, createRoom, FakeClock, importAll, startServer, type TestServer } from '../helpers/server.ts';

const DAY = 24 * 3_600_000;
const T0 = Date.UTC(2026, 5, 1, 12);
const MINUTES = 20;

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
const sockets: LiveSocket[] = [];

beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
  room = await createRoom(s, '历史对比');
  // Three past sessions a day apart (far more than the session gap), then today's.
  for (let i = 0; i < 4; i++) {
    const sim = createSimulator({
      seed: 40 + i,
      catalogueSeed: 7,
      startTs: T0 + i * DAY,
      peakOnline: 40,
      durationMs: MINUTES * 60_000,
    });
    const res = await importAll(s, room.id, sim.advance(Number.POSITIVE_INFINITY));
    expect(res.statusCode).toBe(200);
  }
  s.ticker.tickAll();
  await s.services.writer.flush();
});
afterAll(async () => {
  for (const so of sockets) so.close();
  await s.close();
});

const open = (token: string) => {
  const so = connectLive(s.url, room.id, token);
  sockets.push(so);
  return so;
};

describe('outlook over the socket', () => {
  it('sends a joining screen the band of the past sessions and a forecast of the final GMV', async () => {
    const so = open(room.tokens.viewer);
    const msg = await waitFor(so, 'room:outlook', (m) => m.band !== undefined && m.today.length >= MINUTES - 1);
    expect(msg.sessionStart).toBeGreaterThanOrEqual(T0 + 3 * DAY);
    expect(msg.band!.sessions).toBe(3);
    const online = msg.band!.bands.online;
    expect(online.length).toBeGreaterThanOrEqual(MINUTES - 1);
    const mid = online[10]!;
    expect(mid.p10).toBeLessThanOrEqual(mid.p50);
    expect(mid.p50).toBeLessThanOrEqual(mid.p90);
    expect(msg.forecast.gmv.status).toBe('ok');
    if (msg.forecast.gmv.status === 'ok') {
      expect(msg.forecast.gmv.p10).toBeLessThanOrEqual(msg.forecast.gmv.p50);
      expect(msg.forecast.gmv.p90).toBeGreaterThanOrEqual(msg.forecast.gmv.p50);
      expect(msg.forecast.gmv.soFar).toBe(msg.today.at(-1)!.gmv);
    }
    // A full-event feed: cohorts are exact, the last 30 entry minutes at most.
    expect(msg.cohorts.exact).toBe(true);
    expect(msg.cohorts.rows.length).toBeGreaterThan(0);
    expect(msg.cohorts.rows.length).toBeLessThanOrEqual(30);
  });

  it('gives the 复盘 the whole session’s cohorts from the store, matching what the live screen was sent', async () => {
    const so = open(room.tokens.viewer);
    const live = await waitFor(so, 'room:outlook', (m) => m.band !== undefined);
    const h = { authorization: `Bearer ${room.tokens.viewer}` };
    const sessions = (await s.app.inject({ url: `/api/rooms/${room.id}/sessions`, headers: h })).json();
    const res = await s.app.inject({ url: `/api/sessions/${sessions.at(-1).id}/cohorts`, headers: h });
    expect(res.statusCode).toBe(200);
    const full = res.json();
    expect(full.exact).toBe(true);
    expect(full.rows.length).toBeGreaterThanOrEqual(MINUTES - 1);
    for (const row of live.cohorts.rows) {
      const same = full.rows.find((r: { minute: number }) => r.minute === row.minute);
      expect(same.size).toBe(row.size);
      row.retention.forEach((v, i) => {
        if (v !== null) expect(same.retention[i]).toBeCloseTo(v, 2);
      });
    }
    expect(full.byProduct.length).toBeGreaterThan(0);
  });

  it('takes targets from the 场控 seat, refuses them from the viewer, and paces against them', async () => {
    const ctl = open(room.tokens.controller);
    await waitFor(ctl, 'room:outlook', () => true);
    const refused = await open(room.tokens.viewer).timeout(5000).emitWithAck('room:targets', { gmv: 1000 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await ctl.timeout(5000).emitWithAck('room:targets', { gmv: -5 } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const next = waitFor(ctl, 'room:outlook', (m: OutlookMessage) => m.pace.length > 0);
    const ack = await ctl.timeout(5000).emitWithAck('room:targets', { gmv: 1_000_000, peakOnline: 50 });
    expect(ack).toEqual({ ok: true, data: { targets: { gmv: 1_000_000, peakOnline: 50 } } });
    const msg = await next;
    const gmv = msg.pace.find((p) => p.field === 'gmv')!;
    expect(gmv.target).toBe(1_000_000);
    expect(gmv.ahead).toBeLessThan(0);
    expect(msg.band!.share.gmv.at(-1)).toBeCloseTo(1, 1);
  });

  it('stores targets over HTTP for the admin and reads them back', async () => {
    const put = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/targets`,
      headers: { authorization: `Bearer ${ADMIN}` },
      payload: { gmv: 5000, orders: 40 },
    });
    expect(put.statusCode).toBe(200);
    const viewerPut = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/targets`,
      headers: { authorization: `Bearer ${room.tokens.viewer}` },
      payload: { gmv: 1 },
    });
    expect(viewerPut.statusCode).toBe(403);
    const bad = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/targets`,
      headers: { authorization: `Bearer ${ADMIN}` },
      payload: { gmv: 'lots' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBeTypeOf('string');
    const got = await s.app.inject({
      url: `/api/rooms/${room.id}/targets`,
      headers: { authorization: `Bearer ${room.tokens.viewer}` },
    });
    expect(got.json()).toEqual({ targets: { gmv: 5000, orders: 40 } });
  });
});

describe('目标难以完成', () => {
  it('fires when the forecast’s upper bound falls below the target, with its evidence', async () => {
    const start = T0 + 10 * DAY;
    const todayStart = start + 3 * DAY;
    // The room clock follows this clock between imports (ticks would otherwise move it on to today's date).
    const clock = new FakeClock(todayStart + 15 * 60_000);
    const srv = await startServer({ tickHz: 10, clock });
    try {
      const r = await createRoom(srv, '目标');
      for (let i = 0; i < 3; i++) {
        const sim = createSimulator({
          seed: 60 + i,
          catalogueSeed: 8,
          startTs: start + i * DAY,
          peakOnline: 40,
          durationMs: 30 * 60_000,
        });
        await importAll(srv, r.id, sim.advance(Number.POSITIVE_INFINITY));
      }
      const today = createSimulator({
        seed: 63,
        catalogueSeed: 8,
        startTs: todayStart,
        peakOnline: 40,
        durationMs: 30 * 60_000,
      });
      await importAll(srv, r.id, today.advance(todayStart + 15 * 60_000));
      const ctl = connectLive(srv.url, r.id, r.tokens.controller);
      sockets.push(ctl);
      await waitFor(ctl, 'room:outlook', (m) => m.forecast.gmv.status === 'ok');
      const paced = waitFor(ctl, 'room:outlook', (m) => m.pace.length > 0);
      expect(await ctl.timeout(5000).emitWithAck('room:targets', { gmv: 10_000_000 })).toMatchObject({ ok: true });
      await paced;
      // The rest of today's session: the rule is judged each second with the forecast far below the target.
      const raised = waitFor(ctl, 'alert:raised', (m) => m.alert.ruleId === 'target-out-of-reach', 10_000);
      clock.t = todayStart + 20 * 60_000;
      await importAll(srv, r.id, today.advance(todayStart + 20 * 60_000));
      const { alert } = await raised;
      expect(alert.name).toBe('目标难以完成');
      expect(alert.evidence).toMatchObject({ kind: 'forecast', metric: 'gmvForecast', usual: 10_000_000, sample: 3 });
    } finally {
      await srv.close();
    }
  });
});
