// Online viewers over the last 30 minutes, from the series ring; where an audience alert began is marked.
import { useCallback, useMemo } from 'react';
import { CHART_COLORS, CHART_TEXT, type EChartsOption } from '../../lib/echarts.ts';
import { escapeHtml } from '../../lib/escape-html.ts';
import { fmtCount } from '../../lib/format.ts';
import { type Lang, useT } from '../../lib/i18n.ts';
import { useAlertsStore } from '../../stores/alerts-store.ts';
import { useSeriesStore } from '../../stores/series-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { Chart } from '../../widgets/chart.tsx';

const hhmm = (ts: number) => new Date(ts).toTimeString().slice(0, 5);
const hhmmss = (ts: number) => new Date(ts).toTimeString().slice(0, 8);

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
      update({
        series: [
          {
            data: useSeriesStore.getState().online.toArray(),
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
