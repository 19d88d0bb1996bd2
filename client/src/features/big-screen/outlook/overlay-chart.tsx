// Today against the room's past sessions, one metric at a time: today's curve, the past median and the p10–p90
// band, by minute since the start, or (toggle) since the first 讲解 of the product explained now, in the past
// sessions and today alike. One curve, one band, one median: the rest of the past stays out of the way.
import { useCallback, useMemo, useState } from 'react';
import type { BandPoint } from '../../../../../shared/outlook/band.ts';
import {
  alignOnExplain,
  metricSeries,
  OVERLAY_METRICS,
  type OverlayMetric,
} from '../../../../../shared/outlook/curves.ts';
import { CHART_COLORS, CHART_TEXT, type EChartsOption } from '../../../lib/echarts.ts';
import { useT } from '../../../lib/i18n.ts';
import { useOutlookStore } from '../../../stores/outlook-store.ts';
import { useUiStore } from '../../../stores/ui-store.ts';
import { Chart } from '../../../widgets/chart.tsx';
import { fillIn, fmtMetric, METRIC_KEY } from './words.ts';

type Align = 'start' | 'explain';

/** [minute, value] pairs, '-' where there is none (ECharts leaves a gap). */
const pairs = (vals: (number | null | undefined)[]) => vals.map((v, i) => [i, v ?? '-']);

export function overlaySeries(metric: OverlayMetric, align: Align) {
  const { today, band } = useOutlookStore.getState();
  const explain = align === 'explain' ? (band?.explain ?? null) : null;
  const bands: (BandPoint | null)[] = (explain ? explain.bands : band?.bands)?.[metric] ?? [];
  const mine = metricSeries(explain ? (alignOnExplain(today, explain.productId) ?? []) : today, metric);
  return { bands, mine, sessions: explain ? explain.sessions : (band?.sessions ?? 0) };
}

export function OverlayChart() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [metric, setMetric] = useState<OverlayMetric>('gmv');
  const [align, setAlign] = useState<Align>('start');
  const explain = useOutlookStore((s) => s.band?.explain ?? null);
  const sessions = useOutlookStore((s) => s.band?.sessions ?? 0);
  const effective: Align = align === 'explain' && explain ? 'explain' : 'start';
  const base = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 16, top: 24, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => fmtMetric(metric, typeof v === 'number' ? v : null, lang),
      },
      xAxis: { type: 'value', min: 0, axisLabel: { ...CHART_TEXT }, splitLine: { show: false } },
      yAxis: {
        type: 'value',
        // A short panel: three steps, not labels on top of each other.
        splitNumber: 3,
        axisLabel: { ...CHART_TEXT, formatter: (v: number) => fmtMetric(metric, v, lang) },
        splitLine: { lineStyle: { color: '#223048' } },
      },
      series: [
        {
          type: 'line',
          name: 'p10',
          stack: 'band',
          showSymbol: false,
          lineStyle: { opacity: 0 },
          data: [],
          tooltip: { show: false },
        },
        {
          type: 'line',
          name: t('olBand'),
          stack: 'band',
          showSymbol: false,
          lineStyle: { opacity: 0 },
          areaStyle: { color: 'rgba(155,93,229,0.28)' },
          data: [],
          tooltip: { show: false },
        },
        {
          type: 'line',
          name: t('olMedian'),
          showSymbol: false,
          lineStyle: { width: 2, type: 'dashed', color: '#b8a1e8' },
          data: [],
        },
        {
          type: 'line',
          name: t('olToday'),
          showSymbol: false,
          lineStyle: { width: 3, color: CHART_COLORS[0] },
          data: [],
        },
      ],
    }),
    [t, lang, metric],
  );
  const subscribe = useCallback(
    (update: (o: EChartsOption) => void) => {
      const push = () => {
        const { bands, mine } = overlaySeries(metric, effective);
        update({
          series: [
            { data: pairs(bands.map((b) => b?.p10)) },
            { data: pairs(bands.map((b) => (b ? b.p90 - b.p10 : null))) },
            { data: pairs(bands.map((b) => b?.p50)) },
            // A curve of one or two minutes (an explain just begun) shows its points, not nothing.
            { data: pairs(mine), showSymbol: mine.length < 3 },
          ],
        });
      };
      push();
      return useOutlookStore.subscribe(push);
    },
    [metric, effective],
  );
  return (
    <section className="panel outlook-overlay" data-testid="outlook-overlay">
      <h2>
        {t('olTitle')}
        <span className="sub">{sessions > 0 ? fillIn(t('olSessions'), { n: sessions }) : ''}</span>
        <span className="tabs">
          {OVERLAY_METRICS.map((m) => (
            <button key={m} type="button" className={m === metric ? 'active' : ''} onClick={() => setMetric(m)}>
              {t(METRIC_KEY[m])}
            </button>
          ))}
        </span>
        <span className="tabs align">
          <button type="button" className={effective === 'start' ? 'active' : ''} onClick={() => setAlign('start')}>
            {t('olAlignStart')}
          </button>
          <button
            type="button"
            className={effective === 'explain' ? 'active' : ''}
            disabled={!explain}
            data-testid="align-explain"
            title={explain ? explain.productId : undefined}
            onClick={() => setAlign('explain')}
          >
            {t('olAlignExplain')}
          </button>
        </span>
      </h2>
      <div className="legend">
        <span className="key today">{t('olToday')}</span>
        <span className="key median">{t('olMedian')}</span>
        <span className="key band">{t('olBand')}</span>
      </div>
      <Chart testId="overlay-chart" base={base} subscribe={subscribe} />
    </section>
  );
}
