// Issue 9, freezes, and issue 16, no size cap: an import body of any size is streamed, with every valid event
// stored and the room serving requests meanwhile; a line over the line limit is refused alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_LINE_BYTES } from '../../shared/constants.ts';
import { ADMIN, createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ autoTick: false });
});
afterAll(() => s.close());

const T0 = Date.UTC(2025, 0, 1, 12);

function ndjson(bytes: number): { body: string; lines: number } {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = JSON.stringify({
      type: 'comment',
      ts: T0 + i * 10,
      id: `c${i}`,
      userId: `u${i % 5000}`,
      text: '主播好'.repeat(8),
    });
    const n = Buffer.byteLength(line) + 1;
    if (size + n > bytes) break;
    out.push(line);
    size += n;
  }
  return { body: out.join('\n'), lines: out.length };
}

async function importNdjson(roomId: string, body: string) {
  const res = await fetch(`${s.url}/api/rooms/${roomId}/import?format=ndjson&speed=0`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-ndjson' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('import limits', () => {
  it('refuses a line over MAX_IMPORT_LINE_BYTES alone (line_too_long) and imports the others', async () => {
    const room = await createRoom(s);
    const good = JSON.stringify({ type: 'like', ts: T0, count: 1 });
    const res = await importNdjson(
      room.id,
      `${good}\n${'x'.repeat(MAX_IMPORT_LINE_BYTES + 1)}\n${good.replace('1}', '2}')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toEqual([{ index: 1, code: 'line_too_long', message: expect.any(String) }]);
  });

  it('stores every event of an import over the old 16 MiB cap and answers health while it runs', async () => {
    const room = await createRoom(s);
    const { body, lines } = ndjson(20 * 2 ** 20);
    let done = false;
    const running = importNdjson(room.id, body).finally(() => {
      done = true;
    });
    let answeredDuring = 0;
    while (!done) {
      const h = await fetch(`${s.url}/api/health`);
      expect(h.status).toBe(200);
      if (!done) answeredDuring++;
    }
    const res = await running;
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(lines);
    expect(answeredDuring).toBeGreaterThan(3);
  }, 60_000);
});
