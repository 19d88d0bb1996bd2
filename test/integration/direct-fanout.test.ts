// Broadcasts written straight onto the screens' websockets (server/realtime/direct-fanout.ts): taken when
// engine.io has nothing queued, never reordering against what it has queued, and not taken for a polling
// client, which still gets every update. Real server, real socket.io clients.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directFrameCount } from '../../server/realtime/direct-fanout.ts';
import { LIVE_NAMESPACE } from '../../shared/protocol.ts';
import { connectLive, type LiveSocket, once, seqGaps, waitForState } from '../helpers/live-client.ts';
import { createRoom, FakeClock, startServer, type TestServer } from '../helpers/server.ts';

const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
const sockets: { disconnect(): void }[] = [];

beforeAll(async () => {
  s = await startServer({ clock, autoTick: false });
  room = await createRoom(s);
});
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await s.close();
});

async function screen(): Promise<LiveSocket> {
  const so = connectLive(s.url, room.id, room.tokens.viewer);
  sockets.push(so);
  await once(so, 'room:snapshot');
  return so;
}

async function comment(i: number) {
  const rt = (await s.services.runtime(room.id))!;
  rt.applyEvents([{ type: 'comment', ts: clock.now(), userId: `u${i}`, text: `第${i}条` }]);
  clock.advance(100);
  s.ticker.tickAll();
}

describe('direct fan-out', () => {
  it('writes room updates straight to the websocket; the screen follows every seq', async () => {
    const so = await screen();
    const before = directFrameCount();
    for (let i = 0; i < 20; i++) await comment(i);
    const last = await waitForState(so, (st) => st.comments === 20);
    expect(seqGaps(so)).toBe(0);
    // Patched from direct frames alone, the screen holds exactly the state the server says its screens hold.
    expect(last).toEqual(s.ticker.screenState((await s.services.runtime(room.id))!));
    expect(directFrameCount() - before).toBeGreaterThanOrEqual(20);
  });

  it('never passes what engine.io has queued: one socket gets direct and queued packets in the order sent', async () => {
    const so = await screen();
    const got: number[] = [];
    const all = new Promise<void>((resolve) => {
      (so as unknown as Socket).on('probe', (n: number) => {
        got.push(n);
        if (got.length === 400) resolve();
      });
    });
    const nsp = s.io.of(LIVE_NAMESPACE) as unknown as {
      sockets: Map<string, { id: string; emit(e: string, n: number): void }>;
      to(ch: string): { emit(e: string, n: number): void };
    };
    const id = so.id!;
    const mine = [...nsp.sockets.values()].find((x) => x.id === id)!;
    const before = directFrameCount();
    // In one turn of the loop: engine.io sends the first queued packet and queues the rest until the write
    // completes, so the broadcasts after it must queue behind them rather than go direct.
    for (let n = 0; n < 400; n++) {
      if (n % 2 === 0) mine.emit('probe', n);
      else nsp.to(id).emit('probe', n);
    }
    await all;
    expect(got).toEqual(Array.from({ length: 400 }, (_, n) => n));
    // Both paths were exercised: some broadcasts went direct, the ones behind a queue did not.
    const direct = directFrameCount() - before;
    expect(direct).toBeGreaterThan(0);
    expect(direct).toBeLessThan(200);
  });

  it('a polling client (no websocket) gets every update through engine.io', async () => {
    const so = io(`${s.url}${LIVE_NAMESPACE}`, {
      auth: { token: room.tokens.viewer, roomId: room.id },
      transports: ['polling'],
      forceNew: true,
      reconnection: false,
    });
    sockets.push(so);
    const snap = await new Promise<{ state: { comments: number; seq: number } }>((r) => so.once('room:snapshot', r));
    const seqs: number[] = [];
    const done = new Promise<void>((resolve) => {
      so.on('room:patch', (m: { seq: number }) => {
        seqs.push(m.seq);
        if (seqs.length === 5) resolve();
      });
    });
    const before = directFrameCount();
    const polling = [...s.io.of(LIVE_NAMESPACE).sockets.values()].find((x) => x.id === so.id)!;
    expect(polling.conn.transport.name).toBe('polling');
    for (let i = 100; i < 105; i++) await comment(i);
    await done;
    expect(seqs).toEqual(Array.from({ length: 5 }, (_, k) => snap.state.seq + 1 + k));
    // The websocket screens of the earlier tests got these five directly; the polling one did not.
    expect(directFrameCount() - before).toBeLessThanOrEqual(5 * 2);
  });
});
