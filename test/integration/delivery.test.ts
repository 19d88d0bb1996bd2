// Change-driven delivery on a fake clock (ManualTimers: nothing fires until the test moves time): a push
// reaches screens as one coalesced patch MIN_UPDATE_GAP_MS later, not at the next clock tick; slow parts follow
// within SLOW_PARTS_EVERY_MS; an idle room sends only clock heartbeats; a full snapshot goes to each seat every 30 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLOW_PARTS_EVERY_MS } from '../../server/realtime/screen-update.ts';
import { MIN_UPDATE_GAP_MS } from '../../shared/constants.ts';
import type { PatchMessage, SnapshotMessage } from '../../shared/protocol.ts';
import { connectLive, heldState, type LiveSocket, once, seqGaps, waitForState } from '../helpers/live-client.ts';
import { createRoom, FakeClock, ManualTimers, startServer, type TestServer } from '../helpers/server.ts';

const clock = new FakeClock(Date.now());
const timers = new ManualTimers(clock);
const TICK_MS = 500;
let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
let viewer: LiveSocket;
let controller: LiveSocket;
const patches: PatchMessage[] = [];
const snapshots: SnapshotMessage[] = [];

beforeAll(async () => {
  s = await startServer({ clock, timers, tickHz: 1000 / TICK_MS });
  room = await createRoom(s, '变化即推');
  viewer = connectLive(s.url, room.id, room.tokens.viewer);
  controller = connectLive(s.url, room.id, room.tokens.controller);
  await Promise.all([once(viewer, 'room:snapshot'), once(controller, 'room:snapshot')]);
  viewer.on('room:patch', (m) => patches.push(m));
  controller.on('room:snapshot', (m) => snapshots.push(m));
  viewer.on('room:snapshot', (m) => snapshots.push(m));
});
afterAll(async () => {
  viewer.disconnect();
  controller.disconnect();
  await s.close();
});

async function push(n: number, tag: string) {
  const events = Array.from({ length: n }, (_, i) => ({
    type: 'comment',
    ts: clock.now(),
    id: `${tag}${i}`,
    userId: `u${tag}${i}`,
    text: `${tag}多少钱`,
  }));
  const res = await fetch(`${s.url}/api/rooms/${room.id}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${room.tokens.ingest}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  expect(res.status).toBe(200);
}

/** Every message sent before this answer has reached the socket (one socket delivers in order). */
const drained = (so: LiveSocket) => so.emitWithAck('room:resync', {});

const paths = (m: PatchMessage) => m.ops.map((op) => op[1]);

describe('change-driven delivery', () => {
  it('shows a source going live at once, with its lines', async () => {
    await push(1, 'w');
    timers.advance(MIN_UPDATE_GAP_MS);
    const st = await waitForState(viewer, (x) => x.comments === 1);
    expect(st.source.status).toBe('ok'); // a health change refreshes the slow parts at once
    expect(st.recentComments).toHaveLength(1);
  });

  it('sends one coalesced patch soon after a change, slow parts within a second', async () => {
    timers.advance(SLOW_PARTS_EVERY_MS);
    await drained(viewer);
    patches.length = 0;
    await push(3, 'a');
    await push(2, 'b');
    expect(patches).toHaveLength(0); // nothing before the coalescing window ends
    timers.advance(MIN_UPDATE_GAP_MS);
    const st = await waitForState(viewer, (x) => x.comments === 6);
    await drained(viewer);
    expect(patches).toHaveLength(1); // both batches in one update
    expect(paths(patches[0]!)).toContain('comments');
    expect(paths(patches[0]!).some((p) => p.startsWith('recentComments') || p.startsWith('hotWords'))).toBe(false);
    expect(st.recentComments).toHaveLength(1);
    timers.advance(SLOW_PARTS_EVERY_MS);
    const ticked = await waitForState(viewer, (x) => x.recentComments.length === 6);
    expect(ticked.recentComments[0]?.text).toBe('b多少钱');
    // Hot words are ranked again only for the refresh, and shown from it.
    expect(ticked.hotWords['1m'].map((w) => w.word)).toContain('多少钱');
    expect(seqGaps(viewer)).toBe(0);
  });

  it('sends an idle room only heartbeats: the clock and the source lag, once per clock tick', async () => {
    await drained(viewer);
    patches.length = 0;
    const seq0 = heldState(viewer)!.seq;
    timers.advance(3 * TICK_MS);
    await waitForState(viewer, (x) => x.seq === seq0 + 3);
    await drained(viewer);
    expect(patches).toHaveLength(3);
    expect(patches.map((p) => p.seq)).toEqual([1, 2, 3].map((i) => patches[0]!.seq + i - 1));
    for (const p of patches)
      for (const path of paths(p)) expect(['ts', 'source.lagMs', 'source.status']).toContain(path);
    expect(JSON.stringify(patches[2]).length).toBeLessThan(80);
  });

  it('sends a full snapshot to each seat channel every 30 s, the state the screens hold', async () => {
    await drained(viewer);
    await drained(controller);
    snapshots.length = 0;
    timers.advance(30_000);
    await Promise.all([drained(viewer), drained(controller)]);
    expect(snapshots.map((m) => m.seat).sort()).toEqual(['controller', 'viewer']);
    for (const m of snapshots) expect(m.state.seq).toBeLessThanOrEqual(heldState(viewer)!.seq);
    expect(heldState(controller)).toEqual(heldState(viewer));
  });
});
