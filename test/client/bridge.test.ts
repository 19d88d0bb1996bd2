import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  RECONNECT_BASE_MS,
  RECONNECT_MAX_MS,
  RESYNC_RETRY_MS,
  reconnectDelay,
  retryNow,
  startBridge,
} from '../../client/src/lib/bridge.ts';
import { resetAlertsStore } from '../../client/src/stores/alerts-store.ts';
import { resetConnectionStore, useConnectionStore } from '../../client/src/stores/connection-store.ts';
import { resetCuesStore } from '../../client/src/stores/cues-store.ts';
import { resetRoomStore, useRoomStore } from '../../client/src/stores/room-store.ts';
import { resetSeriesStore, useSeriesStore } from '../../client/src/stores/series-store.ts';
import { ONLINE_SERIES_POINTS, ONLINE_SERIES_STEP_MS } from '../../shared/constants.ts';
import { FakeSocket } from './fake-socket.ts';
import { patchMessage, roomState, snapshotMessage } from './fixtures/room-state.ts';

let socket: FakeSocket;
let now = 1_000_000;
let stop: () => void;

const status = () => useConnectionStore.getState().status;
const tick = (seq: number, extra: Parameters<typeof roomState>[0] = {}) =>
  socket.serve('room:patch', patchMessage(useRoomStore.getState().state ?? roomState(), seq, extra));

beforeEach(() => {
  vi.useFakeTimers();
  resetConnectionStore();
  resetRoomStore();
  resetSeriesStore();
  resetAlertsStore();
  resetCuesStore();
  socket = new FakeSocket();
  stop = startBridge(
    socket.asBridgeSocket(),
    () => now,
    () => 0.5,
  );
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('bridge: snapshots and ticks', () => {
  it('replaces state and seeds the chart on a snapshot, then applies consecutive ticks', () => {
    expect(status()).toBe('connecting');
    socket.serve('room:snapshot', snapshotMessage(5));
    expect(status()).toBe('live');
    expect(useRoomStore.getState()).toMatchObject({ seat: 'controller', state: { seq: 5 } });
    expect(useSeriesStore.getState().online.size).toBe(2);
    tick(6, { online: 7 });
    expect(useRoomStore.getState().state?.online).toBe(7);
    expect(useConnectionStore.getState().lastSeq).toBe(6);
  });

  it('a rebuilding room is shown as such (with its progress) until the snapshot that ends the rebuild', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    socket.serve('room:rebuilding', { roomId: 'r', done: 250, total: 1000 });
    expect(useConnectionStore.getState()).toMatchObject({ status: 'rebuilding', rebuild: { done: 250, total: 1000 } });
    now += 10_000;
    vi.advanceTimersByTime(1_000);
    expect(socket.requests('room:resync')).toHaveLength(0);
    socket.serve('room:snapshot', snapshotMessage(9));
    expect(useConnectionStore.getState()).toMatchObject({ status: 'live', rebuild: null, lastSeq: 9 });
  });

  it('a later snapshot replaces the state and the chart history whole', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    tick(6, { ts: roomState().ts + 60_000, online: 1 });
    expect(useSeriesStore.getState().online.size).toBe(3);
    socket.serve('room:snapshot', { ...snapshotMessage(40), series: { online: [[0, 5]] } });
    expect(useRoomStore.getState().state?.seq).toBe(40);
    expect(useSeriesStore.getState().online.toArray()).toEqual([[0, 5]]);
  });

  it('refuses a server that speaks another protocol version', () => {
    socket.serve('room:snapshot', { ...snapshotMessage(5), protocol: 999 });
    expect(useConnectionStore.getState()).toMatchObject({ status: 'error', errorCode: 'protocol_mismatch' });
    expect(useRoomStore.getState().state).toBeNull();
    tick(6);
    expect(useRoomStore.getState().state).toBeNull();
  });
});

describe('bridge: patches', () => {
  it('applies a patch into the store, sharing what did not change', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    const before = useRoomStore.getState().state!;
    tick(6, { online: 7, comments: 5001 });
    const after = useRoomStore.getState().state!;
    expect(after).toMatchObject({ seq: 6, online: 7, comments: 5001 });
    expect(after.funnel).toBe(before.funnel);
    expect(after.products).toBe(before.products);
  });

  it('resyncs when a patch does not fit the held state, and keeps the state as it was', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    socket.serve('room:patch', { seq: 6, ops: [['s', 'nope.deeper', 1]] });
    expect(status()).toBe('stale');
    expect(useRoomStore.getState().state?.seq).toBe(5);
    expect(socket.requests('room:resync')).toHaveLength(1);
  });

  it('ignores a patch before any snapshot (the snapshot is on its way)', () => {
    socket.serve('room:patch', { seq: 1, ops: [['s', 'online', 1]] });
    expect(useRoomStore.getState().state).toBeNull();
    expect(socket.requests('room:resync')).toHaveLength(0);
  });
});

describe('bridge: gaps and silence', () => {
  it('asks for a resync on a seq gap, drops ticks until it is answered, and applies the answer', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    tick(8);
    expect(status()).toBe('stale');
    expect(useRoomStore.getState().state?.seq).toBe(5);
    tick(9);
    const reqs = socket.requests('room:resync');
    expect(reqs).toHaveLength(1);
    reqs[0]!.ack!({ ok: true, data: snapshotMessage(9) });
    expect(useConnectionStore.getState()).toMatchObject({ status: 'live', lastSeq: 9 });
    tick(10);
    expect(useRoomStore.getState().state?.seq).toBe(10);
  });

  it('marks a silent screen stale and resyncs', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    now += 1400; // under 3 ticks of 500 ms: still live
    vi.advanceTimersByTime(300);
    expect(status()).toBe('live');
    now += 200;
    vi.advanceTimersByTime(300);
    expect(status()).toBe('stale');
    expect(socket.requests('room:resync')).toHaveLength(1);
  });

  it('asks again when a resync answer never comes, or comes back refused', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    now += 2000;
    vi.advanceTimersByTime(300);
    expect(socket.requests('room:resync')).toHaveLength(1);
    now += 1000;
    vi.advanceTimersByTime(300);
    expect(socket.requests('room:resync')).toHaveLength(1); // still waiting for the first answer
    now += RESYNC_RETRY_MS;
    vi.advanceTimersByTime(300);
    expect(socket.requests('room:resync')).toHaveLength(2);
    socket.requests('room:resync')[1]!.ack!({ ok: false, error: { code: 'busy', message: 'busy' } });
    vi.advanceTimersByTime(300);
    expect(socket.requests('room:resync')).toHaveLength(3);
    expect(status()).toBe('stale');
  });

  it('a resync lost in a dropped link does not block resyncs after the reconnect', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    tick(7); // gap: resync asked, never answered
    socket.serve('disconnect', 'transport close');
    expect(status()).toBe('reconnecting');
    socket.serve('room:snapshot', snapshotMessage(20)); // the server's snapshot on rejoin
    expect(status()).toBe('live');
    tick(22);
    expect(socket.requests('room:resync')).toHaveLength(2);
  });
});

describe('bridge: connection errors', () => {
  it('shows a refused handshake as an error with its code and stops retrying', () => {
    const err = Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized', message: 'unknown token' } });
    socket.serve('connect_error', err);
    expect(useConnectionStore.getState()).toMatchObject({
      status: 'error',
      errorCode: 'unauthorized',
      errorMessage: 'unknown token',
    });
    expect(socket.disconnected).toBe(true);
  });

  it('treats any code the server refused with (socket no longer active) as final, e.g. unknown_room', () => {
    socket.active = false;
    socket.serve('connect_error', new Error('room_closed'));
    expect(useConnectionStore.getState()).toMatchObject({ status: 'error', errorCode: 'room_closed' });
  });

  it('shows a transport failure as reconnecting while socket.io retries', () => {
    socket.serve('connect_error', new Error('websocket error'));
    expect(status()).toBe('reconnecting');
    expect(socket.disconnected).toBe(false);
  });

  it('shows a dropped link as reconnecting, and a server-side close (restart, drain) as reconnecting too', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    socket.serve('disconnect', 'transport close');
    expect(status()).toBe('reconnecting');
    socket.serve('room:snapshot', snapshotMessage(6));
    socket.active = false; // socket.io gives up after a server-side close: the bridge does not
    socket.connected = false;
    socket.serve('disconnect', 'io server disconnect');
    expect(useConnectionStore.getState()).toMatchObject({ status: 'reconnecting' });
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    expect(socket.connects).toBe(1);
  });

  it('backs off with jitter between tries, within the bound, and says when the next one starts', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    socket.connected = false;
    socket.serve('disconnect', 'transport close');
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const retryAt = useConnectionStore.getState().retryAt!;
      waits.push(retryAt - now);
      vi.advanceTimersByTime(retryAt - now);
      expect(socket.connects).toBe(i + 1);
      socket.serve('connect_error', new Error('websocket error'));
    }
    for (const [i, w] of waits.entries()) expect(w).toBe(reconnectDelay(i, 0.5));
    expect(Math.max(...waits)).toBeLessThanOrEqual(RECONNECT_MAX_MS);
    expect(reconnectDelay(3, 0)).toBe((RECONNECT_BASE_MS * 8) / 2);
    socket.connected = true;
    socket.serve('room:snapshot', snapshotMessage(9));
    expect(useConnectionStore.getState()).toMatchObject({ status: 'live', retryAt: null });
  });

  it('tries at once on 立即重试, and a drained server is tried again after the wait it asked for', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    socket.serve('server:draining', { retryInMs: 1000 });
    socket.connected = false;
    socket.active = false;
    socket.serve('disconnect', 'io server disconnect');
    expect(useConnectionStore.getState()).toMatchObject({ status: 'reconnecting', draining: true });
    expect(useConnectionStore.getState().retryAt! - now).toBe(1000); // 1000 × (0.5 + 0.5)
    retryNow();
    expect(socket.connects).toBe(1);
    // Refused while the instance is still closing: not a final refusal, the screen keeps trying.
    socket.serve('connect_error', new Error('server shutting down'));
    expect(status()).toBe('reconnecting');
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    expect(socket.connects).toBe(2);
  });

  it('keeps the reason of a revoked seat link through the close that follows it', () => {
    socket.serve('room:snapshot', snapshotMessage(5));
    socket.serve('seat:closed', { code: 'seat_revoked', message: 'revoked by the admin' });
    socket.serve('disconnect', 'io server disconnect');
    expect(useConnectionStore.getState()).toMatchObject({
      status: 'error',
      errorCode: 'seat_revoked',
      errorMessage: 'revoked by the admin',
    });
  });

  it('detaches every listener and disconnects on stop', () => {
    expect(socket.listenerCount()).toBeGreaterThan(0);
    stop();
    expect(socket.listenerCount()).toBe(0);
    expect(socket.disconnected).toBe(true);
  });
});

describe('bridge: online history', () => {
  it('keeps one point per step and stays bounded however long the stream runs', () => {
    socket.serve('room:snapshot', snapshotMessage(0));
    const t0 = Math.floor(roomState().ts / ONLINE_SERIES_STEP_MS) * ONLINE_SERIES_STEP_MS;
    let seq = 0;
    for (let i = 1; i <= ONLINE_SERIES_POINTS * 3; i++) {
      // Two ticks per step: the second replaces the first.
      tick(++seq, { ts: t0 + i * ONLINE_SERIES_STEP_MS, online: i });
      tick(++seq, { ts: t0 + i * ONLINE_SERIES_STEP_MS + 5_000, online: i + 0.5 });
    }
    const points = useSeriesStore.getState().online.toArray();
    expect(points).toHaveLength(ONLINE_SERIES_POINTS);
    expect(points.at(-1)).toEqual([
      t0 + ONLINE_SERIES_POINTS * 3 * ONLINE_SERIES_STEP_MS,
      ONLINE_SERIES_POINTS * 3 + 0.5,
    ]);
  });
});
