import { useCallback, useMemo } from 'react';
import { CHART_COLORS, CHART_TEXT, type EChartsOption } from '../../lib/echarts.ts';
import { useT } from '../../lib/i18n.ts';
import { useAlertsStore } from '../../stores/alerts-store.ts';
import { useSeriesStore } from '../../stores/series-store.ts';
import { Chart } from '../../widgets/chart.tsx';

const time = (ts: number) => new Date(ts).toTimeString().slice(0, 5);

export function OnlineChart() {
  const t = useT();
  const base = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 70, right: 20, top: 20, bottom: 36 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'time',
        axisLabel: { ...CHART_TEXT, formatter: (v: number) => time(v) },
        splitLine: { show: false },
      },
      yAxis: { type: 'value', axisLabel: CHART_TEXT, splitLine: { lineStyle: { color: '#223048' } } },
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
    [t],
  );
  const subscribe = useCallback((update: (o: EChartsOption) => void) => {
    // Where an audience alert began is marked on the chart, so the 场控 sees what the drop looked like.
    const push = () => {
      const starts = Object.values(useAlertsStore.getState().active)
        .filter((a) => a.metric === 'online' || a.metric === 'avgWatchSeconds')
        .map((a) => ({ xAxis: a.activeAt, name: a.name }));
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
