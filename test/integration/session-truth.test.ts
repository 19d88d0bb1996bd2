// Issue 16, point 1: a session's headline, report and state equal what its stored events give, however they
// came in. A generated recording is cut at random points and imported part by part over HTTP, with the
// server's ticks running between parts (as they do when someone sends the parts by hand), and compared with
// the same recording imported whole and with the truth counted here from the file itself.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createRoom, FakeClock, ManualTimers, startServer, type TestServer } from '../helpers/server.ts';

const T0 = Date.UTC(2025, 2, 1, 20);
const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
const timers = new ManualTimers(clock);
let s: TestServer;
beforeAll(async () => {
  s = await startServer({ clock, timers });
});
afterAll(() => s.close());

type Ev = Record<string, unknown> & { type: string; ts: number };

/** A recording of one session: viewers come and go, comment, click and order; one event every 0–3 s. */
const recording = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 29 })), {
    minLength: 40,
    maxLength: 400,
  })
  .map((steps) => {
    const events: Ev[] = [];
    const inRoom = new Set<string>();
    let ts = T0;
    let order = 0;
    for (const [gap, kind, user] of steps) {
      ts += gap;
      const userId = `u${user}`;
      if (kind <= 2) events.push({ type: inRoom.has(userId) ? 'viewer_leave' : 'viewer_enter', ts, userId });
      else if (kind <= 5) events.push({ type: 'comment', ts, userId, text: ['在吗', '好看', '多少钱'][kind - 3]! });
      else if (kind === 6) events.push({ type: 'product_click', ts, userId, productId: 'p1' });
      else {
        const orderId = `o${order++}`;
        events.push({ type: 'order_created', ts, orderId, productId: 'p1', userId, amount: 10 + user });
        if (kind === 9) events.push({ type: 'order_paid', ts: ts + 1, orderId, amount: 10 + user });
      }
      const last = events[events.length - 1]!;
      if (last.type === 'viewer_enter') inRoom.add(userId);
      if (last.type === 'viewer_leave') inRoom.delete(userId);
    }
    return events;
  });

/** The figures, counted from the file without the engine. */
function truth(events: Ev[]) {
  const online = new Set<string>();
  const seen = new Set<string>();
  let peakOnline = 0;
  let gmv = 0;
  let paid = 0;
  for (const e of events) {
    if (e.type === 'viewer_enter') {
      online.add(e.userId as string);
      seen.add(e.userId as string);
      peakOnline = Math.max(peakOnline, online.size);
    }
    if (e.type === 'viewer_leave') online.delete(e.userId as string);
    if (e.type === 'order_created') gmv += e.amount as number;
    if (e.type === 'order_paid') paid += e.amount as number;
  }
  const n = (type: string) => events.filter((e) => e.type === type).length;
  return {
    peakOnline,
    cumulativeViewers: seen.size,
    comments: n('comment'),
    orders: n('order_created'),
    gmv: Math.round(gmv * 100) / 100,
    paid: Math.round(paid * 100) / 100,
  };
}

async function call(path: string, token = ADMIN, init: RequestInit = {}) {
  const res = await fetch(`${s.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const importPart = (roomId: string, events: Ev[]) =>
  call(`/api/rooms/${roomId}/import?format=ndjson&speed=0`, ADMIN, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: events.map((e) => JSON.stringify(e)).join('\n'),
  });

/** Headline, state and report figures of the room's first session, and what the review shows of its alerts. */
async function figures(roomId: string) {
  const [first] = (await call(`/api/rooms/${roomId}/sessions`)) as { id: string; headline: unknown }[];
  const state = await call(`/api/rooms/${roomId}/state`);
  const report = await call(`/api/sessions/${first!.id}/report`);
  return {
    headline: first!.headline,
    state: {
      peakOnline: state.peakOnline,
      cumulativeViewers: state.cumulativeViewers,
      comments: state.comments,
      orders: state.orders,
      gmv: state.gmv,
      paid: state.paid,
    },
    report: {
      peakOnline: report.audience.peakOnline,
      cumulativeViewers: report.audience.cumulativeViewers,
      comments: report.interaction.comments,
      orders: (report.products as { orders: number }[]).reduce((n, p) => n + p.orders, 0),
      gmv: report.conversion.gmv,
      paid: report.conversion.paid,
    },
    minutes: report.minutes,
    alerts: (report.alertAudit as { ruleId: string; firedAt: number; resolvedAt: number | null }[]).map((a) => [
      a.ruleId,
      a.firedAt,
      a.resolvedAt,
    ]),
  };
}

describe('session figures after an import in parts', () => {
  it('equal a single import and the truth, wherever the recording is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        recording,
        fc.uniqueArray(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { minLength: 1, maxLength: 5 }),
        async (events, cuts) => {
          const whole = await createRoom(s);
          const parted = await createRoom(s);
          await importPart(whole.id, events);
          const at = [...new Set(cuts.map((c) => Math.floor(c * events.length)))].sort((a, b) => a - b);
          let from = 0;
          for (const to of [...at, events.length]) {
            if (to > from) await importPart(parted.id, events.slice(from, to));
            from = to;
            timers.advance(1500); // ticks run between parts, as when a person sends them one by one
          }
          const want = truth(events);
          const a = await figures(whole.id);
          const b = await figures(parted.id);
          for (const f of [a, b]) {
            expect(f.headline).toMatchObject(want);
            expect(f.state).toEqual(want);
            expect(f.report).toEqual(want);
          }
          expect(b).toEqual(a);
          // Once a later session has begun, the first one is read from its stored states alone.
          const later = [{ type: 'comment', ts: events[events.length - 1]!.ts + 3_600_000, text: '下一场' }] as Ev[];
          await importPart(whole.id, later);
          await importPart(parted.id, later);
          const a2 = await figures(whole.id);
          const b2 = await figures(parted.id);
          expect(a2.headline).toMatchObject(want);
          expect(a2.report).toEqual(want);
          expect(b2.headline).toEqual(a2.headline);
          expect(b2.report).toEqual(a2.report);
          expect(b2.minutes).toEqual(a2.minutes);
          expect(b2.alerts).toEqual(a2.alerts);
        },
      ),
      { numRuns: Number(process.env.RUNS ?? 8), endOnFailure: !!process.env.RUNS },
    );
  }, 120_000);
});
