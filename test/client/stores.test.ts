import { beforeEach, describe, expect, it } from 'vitest';
import { funnelLabels } from '../../client/src/features/big-screen/funnel-chart.tsx';
import { onlineTooltip } from '../../client/src/features/big-screen/online-chart.tsx';
import { RingBuffer } from '../../client/src/lib/ring-buffer.ts';
import { appendOnline, resetSeriesStore, seedOnline, useSeriesStore } from '../../client/src/stores/series-store.ts';
import { resetUiStore, useUiStore } from '../../client/src/stores/ui-store.ts';
import { ONLINE_SERIES_POINTS, ONLINE_SERIES_STEP_MS } from '../../shared/constants.ts';
import { roomState } from './fixtures/room-state.ts';

const STEP = ONLINE_SERIES_STEP_MS;

describe('ring buffer', () => {
  it('keeps the newest points in order once full', () => {
    const ring = new RingBuffer(3);
    expect(ring.lastTs()).toBeNull();
    for (let i = 1; i <= 5; i++) ring.push(i, i * 10);
    expect(ring.size).toBe(3);
    expect(ring.toArray()).toEqual([
      [3, 30],
      [4, 40],
      [5, 50],
    ]);
    ring.replaceLast(55);
    expect(ring.toArray().at(-1)).toEqual([5, 55]);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
  });
});

describe('series store', () => {
  beforeEach(() => resetSeriesStore());

  it('seeds from a snapshot, keeping only the newest capacity points', () => {
    const points = Array.from({ length: ONLINE_SERIES_POINTS + 20 }, (_, i) => [i * STEP, i] as [number, number]);
    seedOnline(points);
    const ring = useSeriesStore.getState().online;
    expect(ring.size).toBe(ONLINE_SERIES_POINTS);
    expect(ring.toArray()[0]).toEqual([20 * STEP, 20]);
  });

  it('pushes only when a step has passed; ignores samples older than the last point', () => {
    appendOnline(10 * STEP + 1, 1);
    appendOnline(10 * STEP + 9_000, 2);
    appendOnline(11 * STEP, 3);
    appendOnline(9 * STEP, 99);
    expect(useSeriesStore.getState().online.toArray()).toEqual([
      [10 * STEP, 2],
      [11 * STEP, 3],
    ]);
  });

  it('bumps a version so subscribers outside React hear of every change', () => {
    const seen: number[] = [];
    const off = useSeriesStore.subscribe((s) => seen.push(s.version));
    appendOnline(STEP, 1);
    appendOnline(2 * STEP, 2);
    off();
    expect(seen).toEqual([1, 2]);
  });
});

describe('ui store', () => {
  beforeEach(() => resetUiStore());
  it('sorts by a new column biggest first (names A→Z) and flips on the same column', () => {
    const ui = useUiStore.getState();
    ui.sortProducts('orders');
    expect(useUiStore.getState()).toMatchObject({ productSort: 'orders', productSortDesc: true });
    ui.sortProducts('orders');
    expect(useUiStore.getState().productSortDesc).toBe(false);
    ui.sortProducts('name');
    expect(useUiStore.getState()).toMatchObject({ productSort: 'name', productSortDesc: false });
  });
});

describe('chart formatters', () => {
  it('escape everything that goes into an HTML tooltip', () => {
    const html = onlineTooltip([{ value: [Date.UTC(2026, 0, 1), 12_345] }], '<b onmouseover=x>', 'zh');
    expect(html).toContain('&lt;b onmouseover=x&gt;');
    expect(html).toContain('1.23万');
    expect(html).not.toContain('<b onmouseover');
    expect(onlineTooltip([], 'x', 'zh')).toBe('');
  });

  it('label the funnel stages with counts and stage rates, — without commerce', () => {
    expect(funnelLabels(roomState(), 'zh')).toEqual([
      '直播间曝光  50.0万',
      '进入  8.80万 · 17.6%',
      '商品曝光  3.00万 · 34.0%',
      '商品点击  4,000 · 13.3%',
      '创建订单  500 · 12.5%',
      '成交  400 · 80.0%',
    ]);
    expect(funnelLabels(roomState({ hasCommerce: false }), 'en').at(-1)).toBe('Paid  — · —');
  });
});
