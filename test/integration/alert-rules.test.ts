// Rules over HTTP and on the wire: an accepted PUT reaches the alert seats as `alert:rules` and later joiners
// in their snapshot; a refused PUT (bad body, wrong seat) changes nothing anyone can see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../server/alerts/default-rules.ts';
import type { Alert, AlertRule } from '../../shared/alerts.ts';
import type { Seat } from '../../shared/protocol.ts';
import { connectLive, type LiveSocket, once } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
const sockets: LiveSocket[] = [];

beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
  room = await createRoom(s, '规则测试');
});
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await s.close();
});

async function join(seat: Seat) {
  const so = connectLive(s.url, room.id, room.tokens[seat]);
  sockets.push(so);
  return { so, snapshot: await once(so, 'room:snapshot') };
}

const put = (token: string, payload: unknown) =>
  s.app.inject({
    method: 'PUT',
    url: `/api/rooms/${room.id}/alert-rules`,
    headers: { authorization: `Bearer ${token}` },
    payload: payload as object,
  });
const getRules = async () =>
  (
    await s.app.inject({
      url: `/api/rooms/${room.id}/alert-rules`,
      headers: { authorization: `Bearer ${room.tokens.viewer}` },
    })
  ).json() as AlertRule[];

const edited = (): AlertRule[] =>
  DEFAULT_RULES.map((r) =>
    r.id === 'online-drop'
      ? { ...r, condition: { kind: 'drop', pct: 0.4, baselineMinutes: 5 } }
      : r.id === 'negative-surge'
        ? { ...r, enabled: false }
        : r,
  );

describe('alert rules on the wire', () => {
  it('an accepted PUT is broadcast to the alert seats, not the host, and a later joiner gets it in its snapshot', async () => {
    const { so: assistant, snapshot } = await join('assistant');
    expect(snapshot.rules).toEqual(DEFAULT_RULES);
    const { so: host } = await join('host');
    let hostHeard = false;
    host.on('alert:rules', () => {
      hostHeard = true;
    });
    const heard = once(assistant, 'alert:rules');
    const res = await put(room.tokens.controller, edited());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ rules: DEFAULT_RULES.length });
    const msg = await heard;
    expect(msg.rules).toEqual(edited());
    expect(msg.by).toBe('controller');
    expect(typeof msg.at).toBe('number');
    // The host's socket is still open: a resync round-trip after the broadcast proves it was not sent there.
    await host.emitWithAck('room:resync', {});
    expect(hostHeard).toBe(false);

    const { snapshot: later } = await join('viewer');
    expect(later.rules).toEqual(edited());
    expect(await getRules()).toEqual(edited());
  });

  it('refuses a bad body with a code and keeps the previous rules', async () => {
    const before = await getRules();
    const negative = before.map((r, i) => (i === 0 ? { ...r, forSeconds: -1 } : r));
    const bad = await put(room.tokens.controller, negative);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_request' });
    expect(bad.json().message).toContain('forSeconds');

    const dup = await put(room.tokens.controller, [before[0], before[0]]);
    expect(dup.statusCode).toBe(400);
    expect(dup.json()).toMatchObject({ code: 'duplicate_rule_id' });
    const roomMetricForProduct = before.map((r, i) => (i === 0 ? { ...r, productId: 'p1' } : r));
    const perProduct = await put(room.tokens.controller, roomMetricForProduct);
    expect(perProduct.statusCode).toBe(400);
    expect(perProduct.json()).toMatchObject({ code: 'rule_not_per_product' });
    expect(await getRules()).toEqual(before);
  });

  it('accepts a rule on one product and returns it as stored', async () => {
    const before = await getRules();
    const stock = { ...before[0]!, id: 'p1-stock', metric: 'stock', condition: { kind: 'below', value: 20 } };
    const res = await put(room.tokens.assistant, [...before, { ...stock, productId: 'p1' }]);
    expect(res.statusCode).toBe(200);
    expect((await getRules()).at(-1)).toMatchObject({ id: 'p1-stock', productId: 'p1', metric: 'stock' });
    await put(room.tokens.assistant, before);
  });

  it('refuses viewer and host tokens with 403 and keeps the previous rules', async () => {
    const before = await getRules();
    for (const seat of ['viewer', 'host'] as const) {
      const res = await put(room.tokens[seat], []);
      expect(res.statusCode, seat).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden' });
    }
    expect(await getRules()).toEqual(before);
  });

  it('GET /alerts answers its declared shape with every alert field kept', async () => {
    const alert: Alert = {
      id: 'a1',
      ruleId: 'online-drop',
      name: '在线人数骤降',
      metric: 'online',
      productId: null,
      severity: 'critical',
      state: 'firing',
      activeAt: 1000,
      firedAt: 21_000,
      resolvedAt: null,
      value: 60,
      baseline: 100,
      action: '福袋',
      ackedAt: null,
      ackedBy: null,
      snoozedUntil: null,
    };
    s.services.listeners.alerts(room.id, [{ type: 'raised', alert }]);
    const res = await s.app.inject({
      url: `/api/rooms/${room.id}/alerts`,
      headers: { authorization: `Bearer ${room.tokens.assistant}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ active: [], history: [{ type: 'raised', alert }] });
    const host = await s.app.inject({
      url: `/api/rooms/${room.id}/alerts`,
      headers: { authorization: `Bearer ${room.tokens.host}` },
    });
    expect(host.statusCode).toBe(403);
  });
});
