// Online viewers over the last 30 minutes, from the series ring; where an audience alert began is marked.
// The x axis always spans the ring's 30 minutes ending at the room's latest time (event time from the store, not
// the screen's clock), so an empty or new room shows a plain half hour rather than a day of ECharts defaults.
import { useCallback, useMemo } from 'react';
import { ONLINE_SERIES_POINTS, ONLINE_SERIES_STEP_MS } from '../../../../shared/constants.ts';
import { CHART_COLORS, CHART_TEXT, type EChartsOption } from '../../lib/echarts.ts';
import { escapeHtml } from '../../lib/escape-html.ts';
import { fmtCount } from '../../lib/format.ts';
import { type Lang, useT } from '../../lib/i18n.ts';
import { useAlertsStore } from '../../stores/alerts-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useSeriesStore } from '../../stores/series-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { Chart } from '../../widgets/chart.tsx';

const hhmm = (ts: number) => new Date(ts).toTimeString().slice(0, 5);
const hhmmss = (ts: number) => new Date(ts).toTimeString().slice(0, 8);
/** What the ring holds: 180 points of 10 s. */
export const ONLINE_WINDOW_MS = ONLINE_SERIES_POINTS * ONLINE_SERIES_STEP_MS;

/** The x range: the window ending at the latest of the newest point and the room's time; none before either. */
export function onlineWindow(points: [number, number][], roomTs: number | null): { min: number; max: number } | null {
  const last = points.at(-1)?.[0] ?? null;
  const end = last === null ? roomTs : roomTs === null ? last : Math.max(last, roomTs);
  return end === null || end <= 0 ? null : { min: end - ONLINE_WINDOW_MS, max: end };
}

/** ECharts tooltips are HTML: everything in them is escaped, whatever its origin. */
export function onlineTooltip(params: unknown, label: string, lang: Lang): string {
  const first = (Array.isArray(params) ? params[0] : params) as { value?: unknown } | undefined;
  const value = first?.value;
  if (!Array.isArray(value)) return '';
  const [ts, n] = value as [number, number];
  return `${escapeHtml(hhmmss(ts))}<br/>${escapeHtml(label)}: <b>${escapeHtml(fmtCount(n, lang))}</b>`;
}

export function OnlineChart() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const base = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 20, top: 20, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      tooltip: { trigger: 'axis', formatter: (p: unknown) => onlineTooltip(p, t('online'), lang) },
      xAxis: {
        type: 'time',
        axisLabel: { ...CHART_TEXT, hideOverlap: true, formatter: (v: number) => hhmm(v) },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        // Viewers are whole people: no 0.2 steps that round to labels 0, 0, 0, 1, 1.
        minInterval: 1,
        axisLabel: { ...CHART_TEXT, formatter: (v: number) => fmtCount(v, lang) },
        splitLine: { lineStyle: { color: '#223048' } },
      },
      series: [
        {
          type: 'line',
          name: t('online'),
          showSymbol: false,
          smooth: true,
          lineStyle: { width: 3, color: CHART_COLORS[0] },
          areaStyle: { color: 'rgba(76,201,240,0.15)' },
          data: [],
        },
      ],
    }),
    [t, lang],
  );
  const subscribe = useCallback((update: (o: EChartsOption) => void) => {
    const push = () => {
      const starts = Object.values(useAlertsStore.getState().active)
        .filter((a) => a.metric === 'online' || a.metric === 'avgWatchSeconds')
        .map((a) => ({ xAxis: a.activeAt }));
      const data = useSeriesStore.getState().online.toArray();
      const range = onlineWindow(data, useRoomStore.getState().state?.ts ?? null);
      update({
        // Before any time is known (no snapshot yet) the axis shows no labels rather than a made-up day.
        xAxis: range ? { ...range, axisLabel: { show: true } } : { axisLabel: { show: false } },
        series: [
          {
            data,
            markLine: {
              silent: true,
              symbol: 'none',
              label: { show: false },
              lineStyle: { color: '#ff4d6d', width: 2 },
              data: starts,
            },
          },
        ],
      });
    };
    push();
    const offSeries = useSeriesStore.subscribe(push);
    const offAlerts = useAlertsStore.subscribe(push);
    return () => {
      offSeries();
      offAlerts();
    };
  }, []);
  return (
    <section className="panel online-panel">
      <h2>{t('onlineChart')}</h2>
      <Chart testId="online-chart" base={base} subscribe={subscribe} />
    </section>
  );
}
