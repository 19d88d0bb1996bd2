// The imperative ECharts adapter: init once, resize with the container, feed updates from a store
// subscription (outside React renders), dispose on unmount.
import { useEffect, useRef } from 'react';
import { type EChart, type EChartsOption, echarts } from '../lib/echarts.ts';

interface ChartProps {
  testId: string;
  className?: string;
  /** The static part of the option, set once. */
  base: EChartsOption;
  /** Subscribe to data and call update(option) with merged changes; return the unsubscribe. */
  subscribe: (update: (option: EChartsOption) => void) => () => void;
}

// jsdom has no canvas: the SVG renderer keeps component tests working.
const renderer = typeof navigator !== 'undefined' && navigator.userAgent.includes('jsdom') ? 'svg' : 'canvas';

export function Chart({ testId, className, base, subscribe }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const chart: EChart = echarts.init(node, undefined, { renderer });
    chart.setOption(base);
    const unsubscribe = subscribe((option) => chart.setOption(option, { lazyUpdate: true }));
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(node);
    return () => {
      unsubscribe();
      ro.disconnect();
      chart.dispose();
    };
  }, [base, subscribe]);
  return <div ref={el} className={className ?? 'chart'} data-testid={testId} />;
}
