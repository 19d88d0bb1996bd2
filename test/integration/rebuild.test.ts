// A restart never blacks out the server: a big room rebuilds in slices that yield, so /api/health answers and
// other rooms keep ticking meanwhile; its screens are told it is rebuilding, then get a snapshot. A rebuild
// leaves a checkpoint, and the next restart starts from it and shows the same figures at once.
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../shared/events.ts';
import type { RoomState } from '../../shared/state.ts';
import { connectLive, type LiveSocket, once } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer, tempDir } from '../helpers/server.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const EVENTS = 150_000;
const TEXTS = ['多少钱', '主播好美 已拍', '链接在哪', '666', '有运费险吗', '卡了'];

function stream(n: number): LiveEvent[] {
  const out: LiveEvent[] = [];
  for (let i = 0; i < n; i++) {
    const ts = T0 + Math.floor(i / 20) * 1000;
    const userId = `u${(i * 7919) % 20_000}`;
    if (i % 3 === 0) out.push({ type: 'viewer_enter', ts, userId });
    else if (i % 3 === 1) out.push({ type: 'comment', ts, userId, text: TEXTS[i % TEXTS.length]! });
    else out.push({ type: 'like', ts, userId, count: 1 });
  }
  return out;
}

/** The figures, without what depends on the wall clock (source lag) or on ticks (seq). */
const figures = ({ source: _s, seq: _q, ...rest }: RoomState) => rest;

let open: (TestServer | LiveSocket)[] = [];
afterEach(async () => {
  for (const o of open.reverse()) 'disconnect' in o ? o.disconnect() : await o.close();
  open = [];
});

describe('rebuild after a restart', () => {
  it('answers health and ticks other rooms during a big replay; the next restart starts from the checkpoint', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir, autoTick: false, listen: false });
    const big = await createRoom(first, 'big');
    const small = await createRoom(first, 'small');
    const events = stream(EVENTS);
    for (let i = 0; i < events.length; i += 10_000)
      await first.services.writer.append(big.id, events.slice(i, i + 10_000));
    await first.close();

    const second = await startServer({ dataDir, tickHz: 10 });
    open.push(second);
    const other = connectLive(second.url, small.id, small.tokens.viewer);
    open.push(other);
    await once(other, 'room:snapshot');
    const tickAt: number[] = [];
    other.on('room:patch', () => tickAt.push(performance.now()));

    const screen = connectLive(second.url, big.id, big.tokens.controller);
    open.push(screen);
    const told = await once(screen, 'room:rebuilding');
    expect(told).toMatchObject({ roomId: big.id, total: EVENTS });
    let snapshot: Awaited<ReturnType<typeof once<'room:snapshot'>>> | null = null;
    const ready = once(screen, 'room:snapshot', 60_000).then((s) => {
      snapshot = s;
    });
    const health: number[] = [];
    const stateAnswers: { status: number; retryAfter: string | null; code?: string; comments?: number }[] = [];
    const rebuildStarted = performance.now();
    while (!snapshot) {
      const t = performance.now();
      const res = await fetch(`${second.url}/api/health`);
      expect(res.status).toBe(200);
      health.push(performance.now() - t);
      const st = await fetch(`${second.url}/api/rooms/${big.id}/state`, {
        headers: { authorization: `Bearer ${big.tokens.viewer}` },
      });
      const body = (await st.json()) as { code?: string; comments?: number };
      stateAnswers.push({ status: st.status, retryAfter: st.headers.get('retry-after'), ...body });
    }
    await ready;
    const rebuildMs = performance.now() - rebuildStarted;
    const gaps = tickAt.slice(1).map((t, i) => t - tickAt[i]!);
    // A blocking replay would hold an answer, and the other room's ticks, for all of it; here health was answered
    // many times meanwhile and no answer or tick waited more than a part of it. Relative bounds, loose enough for
    // a shared machine's stalls (a 150k-event replay takes well under a second now); npm run bench reports the
    // absolute figures.
    const measured = { rebuildMs, healthMax: Math.max(...health), tickGapMax: Math.max(...gaps), n: health.length };
    expect(measured.n, JSON.stringify(measured)).toBeGreaterThan(10);
    expect(measured.healthMax, JSON.stringify(measured)).toBeLessThan(rebuildMs / 2);
    expect(measured.tickGapMax, JSON.stringify(measured)).toBeLessThan(rebuildMs / 2);
    const s = snapshot! as { state: RoomState };
    expect(s.state.comments).toBe(EVENTS / 3);
    // Issue 16: the state says the room is rebuilding (503, Retry-After) instead of partial counts.
    const refused = stateAnswers.filter((a) => a.status === 503);
    expect(refused.length, JSON.stringify(stateAnswers.slice(0, 3))).toBeGreaterThan(0);
    for (const a of refused) expect(a).toMatchObject({ code: 'room_rebuilding', retryAfter: '1' });
    for (const a of stateAnswers.filter((x) => x.status !== 503))
      expect(a).toMatchObject({ status: 200, comments: EVENTS / 3 });
    expect(second.services.registry.rebuildProgress(big.id)).toBeNull();
    // The snapshot went out as the rebuild ended, before any tick moved the room's clock to today.
    const expected = figures(s.state);
    open
      .splice(0)
      .reverse()
      .forEach((o) => void ('disconnect' in o ? o.disconnect() : undefined));
    await second.close();

    const third = await startServer({ dataDir, autoTick: false, listen: false });
    open.push(third);
    const runtime = (await third.services.runtime(big.id))!;
    // Restored from the checkpoint the rebuild left, with nothing to replay after it: the same figures. How much
    // faster that is than the replay is `npm run bench rebuild`'s to say (a 150k-event room replays in under a
    // second now, so a wall-clock bound here only measured the machine's load).
    const progress = third.services.registry.rebuildProgress(big.id);
    await third.services.registry.ready(runtime);
    expect(progress).toMatchObject({ done: 0, fromCheckpoint: true });
    expect(figures(runtime.state(Date.now()))).toEqual(expected);
  }, 120_000);
});
