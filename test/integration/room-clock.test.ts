// Issue 16, point 4: a room's clock cannot be poisoned. An event stamped far in the future (2099) is refused
// on every path into a room on wall time; one already stored is quarantined at the next rebuild (moved off the
// timeline, reported, never replayed), and pushed events count again.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_EVENT_FUTURE_MS } from '../../shared/constants.ts';
import type { LiveEvent } from '../../shared/events.ts';
import { ADMIN, createRoom, startServer, type TestServer, tempDir } from '../helpers/server.ts';

const Y2099 = 4_102_358_400_000; // 2099-12-31
const poison: LiveEvent = { type: 'comment', ts: Y2099, text: 'b', id: 'poison' };

const open: TestServer[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function push(s: TestServer, roomId: string, token: string, n: number) {
  const now = Date.now();
  const events = Array.from({ length: n }, (_, i) => ({ type: 'viewer_enter', ts: now, userId: `v${i}` }));
  const res = await s.app.inject({
    method: 'POST',
    url: `/api/rooms/${roomId}/events`,
    headers: { authorization: `Bearer ${token}` },
    payload: events,
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { accepted: number };
}

const get = async (s: TestServer, url: string) =>
  (await s.app.inject({ url, headers: { authorization: `Bearer ${ADMIN}` } })).json();

describe('room clock', () => {
  it('recovers at boot from a far-future event already stored: quarantined, reported, pushes count', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir, autoTick: false, listen: false });
    const room = await createRoom(first);
    const now = Date.now();
    await first.services.writer.append(room.id, [{ type: 'comment', ts: now - 1000, text: '早', userId: 'a' }, poison]);
    await first.close();

    const second = await startServer({ dataDir, autoTick: false, listen: false });
    open.push(second);
    expect((await push(second, room.id, room.tokens.ingest, 50)).accepted).toBe(50);
    const state = await get(second, `/api/rooms/${room.id}/state`);
    expect(state.entriesPerMin).toBeGreaterThan(40); // 0 while the clock sat in 2099
    expect(state.comments).toBe(1);
    expect(state.ts).toBeLessThanOrEqual(Date.now() + MAX_EVENT_FUTURE_MS);
    const q = await get(second, `/api/rooms/${room.id}/quarantine`);
    expect(q.events).toHaveLength(1);
    expect(q.events[0]).toMatchObject({ ts: Y2099, event: { text: 'b' } });
    expect(q.events[0].reason).toContain('server time');
    // Off the timeline: no session in 2099, and the next restart has nothing to quarantine.
    const sessions = (await get(second, `/api/rooms/${room.id}/sessions`)) as { start: number }[];
    expect(sessions.every((x) => x.start < Y2099)).toBe(true);
    expect(await second.services.reader.countEvents(room.id)).toBe(51);
    expect((await second.services.runtime(room.id))!.quarantined).toBe(1);
  });

  it('refuses a far-future event on paths that keep their own time (import, sources)', async () => {
    const s = await startServer({ autoTick: false, listen: false });
    open.push(s);
    const room = await createRoom(s);
    await s.app.inject({
      method: 'POST',
      url: `/api/rooms/${room.id}/import?format=ndjson&speed=0`,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify({ type: 'comment', ts: Y2099, text: 'b' }),
    });
    const runtime = (await s.services.runtime(room.id))!;
    const direct = await s.services.pipeline.ingestEvents(runtime, [poison], { checkTime: false });
    expect(direct.rejected.map((r) => r.code)).toEqual(['ts_in_future']);
    expect(await s.services.reader.countEvents(room.id)).toBe(0);
    expect((await push(s, room.id, room.tokens.ingest, 50)).accepted).toBe(50);
    expect((await get(s, `/api/rooms/${room.id}/state`)).entriesPerMin).toBe(50);
  });

  it('never runs ahead of server time, even with a far-future event applied behind the store', async () => {
    const s = await startServer({ autoTick: false, listen: false });
    open.push(s);
    const room = await createRoom(s);
    const runtime = (await s.services.runtime(room.id))!;
    runtime.applyEvents([poison]);
    const wall = Date.now();
    expect(runtime.timeAt(wall)).toBeLessThanOrEqual(wall + MAX_EVENT_FUTURE_MS);
  });
});
