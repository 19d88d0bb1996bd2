// Issue 9, fuzz: random HTTP bodies, query strings and socket payloads never get a 5xx other than the
// documented storage ones, never take the server down, and never cost the valid events around bad ones.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_SEATS } from '../../shared/protocol.ts';
import { connectLive, type LiveSocket, once } from '../helpers/live-client.ts';
import { ADMIN, createRoom, FakeClock, startServer, type TestServer } from '../helpers/server.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const clock = new FakeClock(T0);
let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
beforeAll(async () => {
  s = await startServer({ clock, autoTick: false });
  room = await createRoom(s);
});
afterAll(() => s.close());

const DOCUMENTED = new Set([200, 202, 400, 401, 403, 404, 413, 415, 429, 503, 507]);
const junkLine = fc
  .oneof(
    fc.string({ maxLength: 80 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.constantFrom(
      '{"type":"comment","ts":1e999,"text":"x"}',
      '{"type":"like","ts":"NaN","count":1}',
      '[',
      '\u0000',
      '{"__proto__":{"x":1}}',
    ),
  )
  .filter((l) => !l.includes('\n') && !l.includes('\r') && l.trim() !== '');

async function health() {
  expect((await s.app.inject({ url: '/api/health' })).statusCode).toBe(200);
}

describe('fuzz: HTTP', () => {
  let n = 0;
  it('stores every valid event of an NDJSON body whatever junk lines surround it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constant(null), junkLine), { maxLength: 30 }), async (slots) => {
        const lines = slots.map((slot) =>
          slot === null
            ? JSON.stringify({ type: 'comment', ts: T0 - 1000, id: `f${n++}`, userId: 'u', text: '好' })
            : slot,
        );
        const valid = slots.filter((x) => x === null).length;
        const res = await s.app.inject({
          method: 'POST',
          url: `/api/rooms/${room.id}/events`,
          headers: { authorization: `Bearer ${room.tokens.ingest}`, 'content-type': 'application/x-ndjson' },
          payload: lines.join('\n'),
        });
        expect(DOCUMENTED.has(res.statusCode), res.body).toBe(true);
        expect(res.statusCode).toBe(200);
        expect(res.json().accepted).toBe(valid);
      }),
      { numRuns: 150 },
    );
    await health();
  });

  it('answers any JSON or byte body on every JSON route with a documented status', async () => {
    const seen = new Map<number, number>();
    const routes = [
      ['POST', `/api/rooms/${room.id}/events`, room.tokens.ingest, 'application/json'],
      ['PUT', `/api/rooms/${room.id}/alert-rules`, room.tokens.controller, 'application/json'],
      ['PUT', `/api/rooms/${room.id}/products`, ADMIN, 'application/json'],
      ['PUT', `/api/rooms/${room.id}/source`, room.tokens.controller, 'application/json'],
      ['POST', '/api/session', '', 'application/json'],
      ['POST', `/api/rooms/${room.id}/import?format=ndjson`, ADMIN, 'application/x-ndjson'],
      ['POST', `/api/rooms/${room.id}/import?format=bilibili-xml`, ADMIN, 'application/xml'],
    ] as const;
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
      fc.constantFrom(
        '{"kind":"poll","url":"http://x","intervalMs":1e999}',
        '[{"id":1e999}]',
        '<d p="1e999,1,1,1,9999999999999,0,a,b">x</d>',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, url, token, type], payload) => {
        const res = await s.app.inject({
          method,
          url,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': type },
          payload,
        });
        expect(DOCUMENTED.has(res.statusCode), `${method} ${url} ${payload} → ${res.statusCode} ${res.body}`).toBe(
          true,
        );
        seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
      }),
      { numRuns: 200 },
    );
    // Failed sign-ins count against the address's budget, so most must be real answers, not 429s.
    expect(seen.get(429) ?? 0).toBeLessThan(20);
    await health();
  });

  it('answers any query string with a documented status', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('Infinity', '-Infinity', 'NaN', '1e999', '-0', '0x10', '1e300', ''),
    );
    const target = fc.constantFrom(
      (v: string) => `/api/rooms/${room.id}/import?format=ndjson&speed=${encodeURIComponent(v)}`,
      (v: string) => `/api/sessions/${room.id}-1/state?at=${encodeURIComponent(v)}`,
      (v: string) => `/api/sessions/${room.id}-1/report.csv?table=${encodeURIComponent(v)}`,
      (v: string) => `/api/rooms/${encodeURIComponent(v)}/state`,
    );
    await fc.assert(
      fc.asyncProperty(target, value, async (url, v) => {
        const res = await s.app.inject({
          method: url('').includes('import') ? 'POST' : 'GET',
          url: url(v),
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-ndjson' },
          payload: url('').includes('import') ? '' : undefined,
        });
        expect(DOCUMENTED.has(res.statusCode), `${url(v)} → ${res.statusCode} ${res.body}`).toBe(true);
      }),
      { numRuns: 200 },
    );
    await health();
  });
});

describe('fuzz: socket payloads', () => {
  const sockets: LiveSocket[] = [];
  afterAll(() => {
    for (const so of sockets) so.disconnect();
  });

  it('answers every command with any payload by an ack, and the server stays up', async () => {
    const seats = { controller: room.tokens.controller, assistant: room.tokens.assistant, host: room.tokens.host };
    const open = await Promise.all(
      Object.entries(seats).map(async ([seat, token]) => {
        const so = connectLive(s.url, room.id, token);
        sockets.push(so);
        await once(so, 'room:snapshot');
        return [seat, so] as const;
      }),
    );
    const commands = Object.keys(COMMAND_SEATS);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...open),
        fc.constantFrom(...commands),
        fc.anything({ maxDepth: 3 }),
        async ([, so], command, payload) => {
          clock.advance(1000); // keep within the command budgets: this is about payloads, not rates
          // biome-ignore lint/suspicious/noExplicitAny: any command name with any payload, on purpose
          const ack = (await (so as any).timeout(5000).emitWithAck(command, payload)) as {
            ok: boolean;
            error?: { code: string };
          };
          expect(typeof ack.ok).toBe('boolean');
          if (!ack.ok) expect(typeof ack.error?.code).toBe('string');
        },
      ),
      { numRuns: 200 },
    );
    await health();
    expect(open.every(([, so]) => so.connected)).toBe(true);
  });
});
