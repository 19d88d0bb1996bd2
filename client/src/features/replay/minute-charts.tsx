// Minute charts of the session (online, entries, comments, clicks, orders, GMV) with the markers drawn on.
import { useCallback, useMemo } from 'react';
import { CHART_COLORS, CHART_TEXT, type EChartsOption } from '../../lib/echarts.ts';
import { escapeHtml } from '../../lib/escape-html.ts';
import { fmtClock, fmtCount } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { Chart } from '../../widgets/chart.tsx';
import type { Marker, MinutePoint } from './replay-types.ts';
import { MINUTE_KEY } from './report-words.ts';

const SERIES: (keyof Omit<MinutePoint, 'minute'>)[] = ['online', 'entries', 'comments', 'clicks', 'orders', 'gmv'];
const MARK_COLOR: Record<string, string> = { alert: '#ff4d6d', cue: '#ffd166', explain: '#9b5de5', dip: '#f8961e' };

export function MinuteCharts({ minutes, markers }: { minutes: MinutePoint[]; markers: Marker[] }) {
  return (
    <>
      {SERIES.map((key, i) => (
        <MinuteChart
          key={key}
          name={key}
          color={CHART_COLORS[i % CHART_COLORS.length]!}
          points={minutes.map((m) => [m.minute, m[key]])}
          markers={markers}
        />
      ))}
    </>
  );
}

function MinuteChart({
  name,
  color,
  points,
  markers,
}: {
  name: string;
  color: string;
  points: [number, number | null][];
  markers: Marker[];
}) {
  const lang = useUiStore((s) => s.lang);
  const base = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 60, right: 16, top: 16, bottom: 30 },
      // Labels come from cue text and alert names: escape them, ECharts tooltips are HTML.
      tooltip: {
        trigger: 'axis',
        formatter: (p: unknown) => {
          const [ts, v] = ((p as { value: [number, number | null] }[])[0]?.value ?? [null, null]) as [
            number | null,
            number | null,
          ];
          return escapeHtml(`${fmtClock(ts, lang)} · ${fmtCount(v, lang)}`);
        },
      },
      xAxis: { type: 'time', axisLabel: CHART_TEXT },
      yAxis: { type: 'value', axisLabel: CHART_TEXT, splitLine: { lineStyle: { color: '#223048' } } },
      series: [
        {
          type: 'line',
          showSymbol: false,
          lineStyle: { color, width: 2 },
          data: points,
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            data: markers
              .filter((m) => m.kind !== 'explain')
              .map((m) => ({ xAxis: m.ts, lineStyle: { color: MARK_COLOR[m.kind] } })),
          },
        },
      ],
    }),
    [color, points, markers, lang],
  );
  const subscribe = useCallback(() => () => {}, []);
  const t = useT();
  return (
    <div className="panel minute-chart">
      <h2>{MINUTE_KEY[name] ? t(MINUTE_KEY[name]) : name}</h2>
      <Chart testId={`minute-${name}`} base={base} subscribe={subscribe} />
    </div>
  );
}
