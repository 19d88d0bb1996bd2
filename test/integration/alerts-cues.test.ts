// Seats × commands with real sockets, a dip that raises an alert end to end, and cue delivery across a host
// reconnect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../server/sources/simulator/simulator.ts';
import { COMMAND_SEATS, SEATS, type Seat } from '../../shared/protocol.ts';
import { connectLive, type LiveSocket, once, waitFor } from '../helpers/live-client.ts';
import { createRoom, importAll, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
const sockets: LiveSocket[] = [];

beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
  room = await createRoom(s);
});
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await s.close();
});

async function seat(name: Seat, r = room): Promise<LiveSocket> {
  const so = connectLive(s.url, r.id, r.tokens[name]);
  sockets.push(so);
  await once(so, 'room:snapshot');
  return so;
}

const samplePayload: Record<string, unknown> = {
  'alert:ack': { alertId: 'none' },
  'alert:snooze': { alertId: 'none', minutes: 5 },
  'cue:push': { text: '测试', priority: 'normal' },
  'cue:cancel': { cueId: 'none' },
  'cue:ack': { cueId: 'none' },
  'cue:seen': { cueId: 'none', phase: 'shown' },
};

describe('seats and commands', () => {
  it('enforces every seat × command pair', async () => {
    const clients = Object.fromEntries(await Promise.all(SEATS.map(async (n) => [n, await seat(n)] as const)));
    for (const [command, allowed] of Object.entries(COMMAND_SEATS)) {
      if (command === 'room:resync') continue;
      for (const n of SEATS) {
        // biome-ignore lint/suspicious/noExplicitAny: iterating the catalogue by name
        const res = await (clients[n] as any).emitWithAck(command, samplePayload[command]);
        const refused = !res.ok && res.error.code === 'forbidden';
        expect(refused, `${n} → ${command}`).toBe(!(allowed as readonly string[]).includes(n));
      }
    }
  });

  it('validates payloads with a code', async () => {
    const a = await seat('assistant');
    // biome-ignore lint/suspicious/noExplicitAny: sending a malformed payload on purpose
    const bad = await (a as any).emitWithAck('cue:push', { text: '', priority: 'loud' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const long = await a.emitWithAck('cue:push', { text: '长'.repeat(121), priority: 'normal' });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const ctl = await a.emitWithAck('cue:push', { text: 'a\u0007b', priority: 'normal' });
    expect(ctl).toMatchObject({ ok: false, error: { code: 'invalid_text' } });
    const snooze = await a.emitWithAck('alert:snooze', { alertId: 'x', minutes: 7 as 5 });
    expect(snooze).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});

describe('cues', () => {
  it('fills template variables, delivers to the host, survives a host reconnect, and reports each step to the sender', async () => {
    const room = await createRoom(s, '提词测试');
    await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/products`,
      headers: { authorization: `Bearer ${room.tokens.controller}` },
      payload: [{ id: 'p1', name: '保温杯', price: 59, stock: 12 }],
    });
    const assistant = await seat('assistant', room);
    const first = await assistant.emitWithAck('cue:push', {
      text: '{商品名}只剩{库存}件，{价格}元',
      priority: 'normal',
      productId: 'p1',
    });
    expect(first.ok && first.data.cue.text).toBe('保温杯只剩12件，59元');
    // Typed by hand with a product placeholder and no product: asked for one, not filled from 讲解中.
    const unnamed = await assistant.emitWithAck('cue:push', { text: '{商品名}快抢', priority: 'normal' });
    expect(unnamed).toMatchObject({ ok: false, error: { code: 'product_required' } });
    // The host connects only now: the snapshot carries the pending cue.
    let host = await seat('host', room);
    const urgent = await assistant.emitWithAck('cue:push', {
      text: '马上上福袋！',
      priority: 'urgent',
      countdownSeconds: 60,
    });
    expect(urgent.ok).toBe(true);
    host.disconnect();
    host = connectLive(s.url, room.id, room.tokens.host);
    sockets.push(host);
    const snap = await once(host, 'room:snapshot');
    const open = snap.cues.filter((c) => c.status === 'pending' || c.status === 'shown');
    expect(open.map((c) => c.text)).toEqual(['马上上福袋！', '保温杯只剩12件，59元']); // urgent jumps the queue
    const cueId = open[0]!.id;
    const seenByAssistant = waitFor(assistant, 'cue:updated', (m) => m.cue.id === cueId && m.cue.status === 'shown');
    await host.emitWithAck('cue:seen', { cueId, phase: 'shown' });
    expect((await seenByAssistant).cue.shownAt).not.toBeNull();
    const ackSeen = waitFor(assistant, 'cue:updated', (m) => m.cue.id === cueId && m.cue.status === 'acked');
    const ack = await host.emitWithAck('cue:ack', { cueId });
    expect(ack.ok).toBe(true);
    expect((await ackSeen).cue.ackedAt).not.toBeNull();
    const again = await host.emitWithAck('cue:ack', { cueId });
    expect(again).toMatchObject({ ok: false, error: { code: 'cue_not_open' } });
    const journal = (await s.services.journal.list(room.id, 'cue')).map((j) => (j.body as { status: string }).status);
    expect(journal).toEqual(expect.arrayContaining(['pending', 'shown', 'acked']));
  });
});

describe('alert rules over HTTP', () => {
  it('lists the defaults, replaces them, and refuses bad rules with a code', async () => {
    const auth = { authorization: `Bearer ${room.tokens.controller}` };
    const list = await s.app.inject({ url: `/api/rooms/${room.id}/alert-rules`, headers: auth });
    expect(list.json().map((r: { id: string }) => r.id)).toContain('online-drop');
    const rules = list.json().slice(0, 2);
    const put = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/alert-rules`,
      headers: auth,
      payload: rules,
    });
    expect(put.json()).toEqual({ rules: 2 });
    const dup = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/alert-rules`,
      headers: auth,
      payload: [rules[0], rules[0]],
    });
    expect(dup.json().code).toBe('duplicate_rule_id');
    const bad = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/alert-rules`,
      headers: auth,
      payload: [{ ...rules[0], severity: 'apocalyptic' }],
    });
    expect(bad.statusCode).toBe(400);
    const host = await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/alert-rules`,
      headers: { authorization: `Bearer ${room.tokens.host}` },
      payload: rules,
    });
    expect(host.statusCode).toBe(403);
    expect(await s.services.journal.list(room.id, 'rules')).toHaveLength(1);
  });
});

describe('alerts from a simulated dip', () => {
  it('raises 在线人数骤降 on the controller screen when a retention dip is injected, journaled', async () => {
    const r = await createRoom(s, '跌量测试');
    const controller = await seat('controller', r);
    const raised = waitFor(controller, 'alert:raised', (m) => m.alert.ruleId === 'online-drop', 20_000);
    // Twenty simulated minutes with a 60 % retention dip from minute 12, imported at once: event time, not wall
    // time, so a loaded machine changes nothing (a wall-clock simulator at 60× missed it under the full suite).
    // Ending a second ago: the ticks after the import move the room clock to now, not an hour past the stream.
    const t0 = Date.now() - 20 * 60_000 - 1000;
    const sim = createSimulator({
      seed: 3,
      startTs: t0,
      peakOnline: 600,
      dips: [{ kind: 'retention', atMs: 12 * 60_000, durationMs: 6 * 60_000, depth: 0.6 }],
    });
    const res = await importAll(s, r.id, sim.advance(t0 + 20 * 60_000));
    expect(res.statusCode).toBe(200);
    const { alert } = await raised;
    expect(alert).toMatchObject({ severity: 'critical', state: 'firing' });
    // Told by the change detector as viewers walk out (or arrivals stop), before online is down by the rule's
    // 30 %; the evidence says which.
    expect(alert.value!).toBeLessThan(alert.baseline!);
    expect(['entries', 'exits', 'gauge']).toContain(alert.evidence?.kind);
    expect(alert.action).toContain('福袋');
    // Forwarded to the host, the cue carries the alert's evidence (the server copies it; the sender cannot).
    const cue = await controller.emitWithAck('cue:push', { text: '福袋留人', priority: 'urgent', alertId: alert.id });
    expect(cue.ok && cue.data.cue.evidence).toEqual(alert.evidence);
    const ack = await controller.emitWithAck('alert:ack', { alertId: alert.id });
    expect(ack.ok).toBe(true);
    expect((await s.services.journal.list(r.id, 'alert')).length).toBeGreaterThanOrEqual(2);
  });
});
