// An imported session with marked actions gets its effect ledger and question figures in the 复盘 report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createRoom, importAll, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
const T0 = Date.UTC(2025, 6, 1, 12);
const MIN = 60_000;
const ev = (ts: number, type: string, f: Record<string, unknown> = {}) => ({ ts, type, ...f });

/** 30 minutes, two products: each minute 40 viewers come, see both and leave, p1's click rate doubles after its 置顶 at minute 15,
 * p2 stays as it was; a 福袋 at minute 20 changes nothing. */
function fixture() {
  const out: object[] = [];
  for (let m = 0; m < 30; m++) {
    const t = T0 + m * MIN;
    for (let u = 0; u < 40; u++) {
      const id = `m${m}u${u}`;
      out.push(ev(t + u * 100, 'viewer_enter', { userId: id }));
      out.push(ev(t + 50_000 + u * 100, 'viewer_leave', { userId: id }));
      out.push(ev(t + 5000 + u * 100, 'product_exposure', { productId: 'p1', userId: id }));
      out.push(ev(t + 5000 + u * 100, 'product_exposure', { productId: 'p2', userId: id }));
      if (u < (m > 15 ? 16 : 8)) out.push(ev(t + 10_000 + u * 100, 'product_click', { productId: 'p1', userId: id }));
      if (u >= 20 && u < 28) out.push(ev(t + 10_000 + u * 100, 'product_click', { productId: 'p2', userId: id }));
    }
  }
  out.push(ev(T0 + 15 * MIN + 30_000, 'marked_action', { action: 'pin', productId: 'p1', note: '置顶话术' }));
  out.push(ev(T0 + 20 * MIN + 30_000, 'marked_action', { action: 'lucky_bag' }));
  out.push(ev(T0 + 3 * MIN, 'comment', { userId: 'q1', text: '尺码偏大吗' }));
  out.push(ev(T0 + 3 * MIN + 1000, 'comment', { userId: 'q2', text: '码数偏大么' }));
  return out.sort((a, b) => (a as { ts: number }).ts - (b as { ts: number }).ts);
}

let room: Awaited<ReturnType<typeof createRoom>>;
beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
  room = await createRoom(s, '效果账本');
  await s.app.inject({
    method: 'PUT',
    url: `/api/rooms/${room.id}/products`,
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: [
      { id: 'p1', name: '保温杯', price: 59, stock: 100 },
      { id: 'p2', name: '羽绒服', price: 299, stock: 100 },
    ],
  });
  const events = fixture();
  expect((await importAll(s, room.id, events)).json().accepted).toBe(events.length);
  s.ticker.tickAll();
  await s.services.writer.flush();
});
afterAll(() => s.close());

const get = (url: string) => s.app.inject({ url, headers: { authorization: `Bearer ${room.tokens.viewer}` } });

describe('effect ledger in the report', () => {
  it('reads the 置顶 as a rise in click rate and the 福袋 as no change, with the summary line per kind', async () => {
    const [session] = (await get(`/api/rooms/${room.id}/sessions`)).json();
    const r = (await get(`/api/sessions/${session.id}/report`)).json();
    const pin = r.ledger.find((x: { kind: string }) => x.kind === 'pin');
    expect(pin).toMatchObject({ productId: 'p1', note: '置顶话术', effect: { metric: 'clickRate', method: 'did' } });
    expect(pin.effect.verdict).toBe('up');
    expect(pin.effect.relative).toBeGreaterThan(0.6);
    expect(pin.effect.low).toBeLessThan(1);
    expect(pin.effect.high).toBeGreaterThan(1);
    const bag = r.ledger.find((x: { kind: string }) => x.kind === 'lucky_bag');
    expect(bag.effect.metric).toBe('online');
    expect(['flat', 'uncertain']).toContain(bag.effect.verdict);
    expect(r.ledgerSummary.map((x: { kind: string }) => x.kind).sort()).toEqual(['lucky_bag', 'pin']);
    expect(r.questions.stats).toMatchObject({ questions: 1, askers: 2, answered: 0 });
    expect(r.questions.topUnanswered[0]).toMatchObject({ text: '尺码偏大吗', topic: 'size', askers: 2 });
  });
});
