// @vitest-environment jsdom
// The online chart's axes on an empty or tiny room: whole-number viewer labels, never repeated, and a
// 30-minute window ending at the room's time instead of ECharts' default day of 00:00 06:00 12:00 18:00.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ONLINE_WINDOW_MS, OnlineChart, onlineWindow } from '../../client/src/features/big-screen/online-chart.tsx';
import { useRoomStore } from '../../client/src/stores/room-store.ts';
import { appendOnline } from '../../client/src/stores/series-store.ts';
import { roomState } from './fixtures/room-state.ts';
import { type Mounted, mount, resetStores, update } from './render.tsx';

let m: Mounted | null = null;
beforeEach(() => resetStores());
afterEach(() => {
  m?.unmount();
  m = null;
});

const NOON = new Date(2026, 0, 1, 12, 0, 0).getTime(); // local time: the axis labels are local HH:MM
const labels = () =>
  [...(m?.byTestId('online-chart')?.querySelectorAll('svg text') ?? [])].map((t) => t.textContent ?? '');
const times = () => labels().filter((l) => /^\d\d:\d\d$/.test(l));
const counts = () => labels().filter((l) => /^[\d,]+$/.test(l));

describe('online chart axes', () => {
  it('spans the 30 minutes before the room time with no data, labels all distinct', async () => {
    update(() => useRoomStore.setState({ state: roomState({ ts: NOON }) }));
    m = mount(<OnlineChart />);
    await vi.waitFor(() => expect(times().length).toBeGreaterThan(2), { timeout: 2_000 });
    const t = times();
    expect(new Set(t).size).toBe(t.length);
    for (const l of t) expect(l >= '11:30' && l <= '12:00', l).toBe(true);
    expect(new Set(counts()).size).toBe(counts().length);
  });

  it('labels a tiny room in whole viewers, no 0 0 0 1 1 1', async () => {
    update(() => useRoomStore.setState({ state: roomState({ ts: NOON }) }));
    for (const [i, v] of [1, 1, 0, 1].entries()) appendOnline(NOON - (3 - i) * 10_000, v);
    m = mount(<OnlineChart />);
    await vi.waitFor(() => expect(counts().length).toBeGreaterThan(1), { timeout: 2_000 });
    const c = counts();
    expect(new Set(c).size).toBe(c.length);
    expect(c).toContain('1');
  });

  it('ends the window at the newest of the last point and the room time', () => {
    expect(onlineWindow([], null)).toBeNull();
    expect(onlineWindow([], NOON)).toEqual({ min: NOON - ONLINE_WINDOW_MS, max: NOON });
    expect(onlineWindow([[NOON + 5000, 3]], NOON)).toEqual({ min: NOON + 5000 - ONLINE_WINDOW_MS, max: NOON + 5000 });
    expect(onlineWindow([[NOON - 5000, 3]], NOON)?.max).toBe(NOON);
  });
});
