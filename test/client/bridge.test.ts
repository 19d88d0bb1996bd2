import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBridge } from '../../client/src/lib/bridge.ts';
import { resetConnectionStore, useConnectionStore } from '../../client/src/stores/connection-store.ts';
import { resetRoomStore, useRoomStore } from '../../client/src/stores/room-store.ts';
import { resetSeriesStore, useSeriesStore } from '../../client/src/stores/series-store.ts';
import { ONLINE_SERIES_POINTS, ONLINE_SERIES_STEP_MS } from '../../shared/constants.ts';
import { FakeSocket } from './fake-socket.ts';
import { roomState } from './fixtures/room-state.ts';

let socket: FakeSocket;
let now = 1_000_000;
let stop: () => void;

const snapshot = (seq: number) => ({
  protocol: 1,
  seat: 'controller',
  tickIntervalMs: 500,
  state: roomState({ seq }),
  series: { online: [[roomState().ts - 20_000, 100] as [number, number]] },
});

beforeEach(() => {
  vi.useFakeTimers();
  resetConnectionStore();
  resetRoomStore();
  resetSeriesStore();
  socket = new FakeSocket();
  stop = startBridge(socket.asBridgeSocket(), () => now);
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('bridge', () => {
  it('replaces state and seeds the chart on a snapshot, then applies consecutive ticks', () => {
    socket.serve('room:snapshot', snapshot(5));
    expect(useConnectionStore.getState().status).toBe('live');
    expect(useRoomStore.getState().state?.seq).toBe(5);
    expect(useSeriesStore.getState().online.size).toBe(1);
    socket.serve('room:tick', { seq: 6, state: roomState({ seq: 6, online: 7 }) });
    expect(useRoomStore.getState().state?.online).toBe(7);
    expect(useConnectionStore.getState().lastSeq).toBe(6);
  });

  it('asks for a resync on a seq gap and applies the answer', () => {
    socket.serve('room:snapshot', snapshot(5));
    socket.serve('room:tick', { seq: 8, state: roomState({ seq: 8 }) });
    expect(useConnectionStore.getState().status).toBe('stale');
    const req = socket.sent.find((s) => s.event === 'room:resync');
    expect(req).toBeDefined();
    req!.ack!({ ok: true, data: snapshot(9) });
    expect(useConnectionStore.getState()).toMatchObject({ status: 'live', lastSeq: 9 });
  });

  it('marks a silent screen stale and resyncs', () => {
    socket.serve('room:snapshot', snapshot(5));
    now += 2000; // more than 3 ticks of 500 ms
    vi.advanceTimersByTime(300);
    expect(useConnectionStore.getState().status).toBe('stale');
    expect(socket.sent.some((s) => s.event === 'room:resync')).toBe(true);
  });

  it('shows a refused handshake as an error with its code and stops retrying', () => {
    socket.serve('connect_error', Object.assign(new Error('unauthorized'), { data: { message: 'unknown token' } }));
    expect(useConnectionStore.getState()).toMatchObject({
      status: 'error',
      errorCode: 'unauthorized',
      errorMessage: 'unknown token',
    });
    expect(socket.disconnected).toBe(true);
  });

  it('shows a dropped link as reconnecting', () => {
    socket.serve('room:snapshot', snapshot(5));
    socket.serve('disconnect', 'transport close');
    expect(useConnectionStore.getState().status).toBe('reconnecting');
  });

  it('keeps the online history bounded however long the stream runs', () => {
    socket.serve('room:snapshot', snapshot(0));
    const t0 = roomState().ts;
    for (let i = 1; i <= ONLINE_SERIES_POINTS * 3; i++) {
      socket.serve('room:tick', {
        seq: i,
        state: roomState({ seq: i, ts: t0 + i * ONLINE_SERIES_STEP_MS, online: i }),
      });
    }
    expect(useSeriesStore.getState().online.size).toBe(ONLINE_SERIES_POINTS);
  });
});
