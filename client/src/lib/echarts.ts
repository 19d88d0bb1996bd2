// Only the ECharts parts the screens use, so the bundle stays small: line (online, replay minutes) and
// funnel charts, their grid, tooltip and mark lines; canvas in browsers, SVG for jsdom tests only (the build
// drops it: MODE is a constant there).
import { FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, FunnelChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);
if (import.meta.env.MODE === 'test') echarts.use([SVGRenderer]);

export { echarts };
export type EChart = echarts.ECharts;
export type EChartsOption = Parameters<EChart['setOption']>[0];

/** Chart text follows the screen width like the CSS type does (13 px on a laptop, 17 px at 1920), read once:
 * a big screen is sized when it is opened. */
const FONT_PX = typeof window === 'undefined' ? 16 : Math.min(20, Math.max(13, Math.round(window.innerWidth / 110)));

/** Shared look for a dark big screen. */
export const CHART_TEXT = { color: '#c9d4e5', fontSize: FONT_PX };
export const CHART_COLORS = ['#4cc9f0', '#f72585', '#ffd166', '#06d6a0', '#9b5de5', '#f8961e'];
