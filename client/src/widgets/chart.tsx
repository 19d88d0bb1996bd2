// The imperative ECharts adapter: init once, resize with the container, feed updates from a store
// subscription (outside React renders), dispose on unmount. React re-renders never touch the chart.
import { useEffect, useRef } from 'react';
import { type EChart, type EChartsOption, echarts } from '../lib/echarts.ts';
import { screenScale } from '../lib/screen-scale.ts';

interface ChartProps {
  testId: string;
  className?: string;
  /** The static part of the option, set once (a new object re-creates the chart: memoise it). */
  base: EChartsOption;
  /** Subscribe to data and call update(option) with merged changes; return the unsubscribe. */
  subscribe: (update: (option: EChartsOption) => void) => () => void;
}

// jsdom has no canvas and no layout: the SVG renderer at a fixed size keeps component tests working.
const inJsdom = typeof navigator !== 'undefined' && navigator.userAgent.includes('jsdom');
const INIT_OPTS = inJsdom ? { renderer: 'svg' as const, width: 600, height: 300 } : { renderer: 'canvas' as const };

export function Chart({ testId, className, base, subscribe }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    // Zoomed (a 4K big screen), the canvas needs that many more pixels to stay sharp.
    const ratio = (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1) * screenScale();
    const chart: EChart = echarts.init(
      node,
      undefined,
      inJsdom ? INIT_OPTS : { ...INIT_OPTS, devicePixelRatio: ratio },
    );
    chart.setOption(base);
    // Merge (the default) with lazyUpdate: many store changes within a frame cost one redraw.
    const unsubscribe = subscribe((option) => chart.setOption(option, { lazyUpdate: true }));
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.resize());
    ro?.observe(node);
    return () => {
      unsubscribe();
      ro?.disconnect();
      chart.dispose();
    };
  }, [base, subscribe]);
  return <div ref={el} className={className ?? 'chart'} data-testid={testId} />;
}
