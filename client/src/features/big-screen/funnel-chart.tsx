// The six-stage funnel with each stage's rate against the stage before. Widths are by rank, not value:
// exposure can be 1,000× the paid count and would squash the rest.
import { useCallback } from 'react';
import { FUNNEL_STAGES, type FunnelStage, type RoomState } from '../../../../shared/state.ts';
import { CHART_COLORS, CHART_TEXT, type EChartsOption } from '../../lib/echarts.ts';
import { DASH, fmtCount, fmtPct } from '../../lib/format.ts';
import { DICTS, type Lang, useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { Chart } from '../../widgets/chart.tsx';

/** The rate shown beside each stage: people of this stage ÷ people of the one before. */
const RATE_OF: Record<FunnelStage, keyof RoomState['funnel']['rates'] | null> = {
  exposure: null,
  enter: 'enter',
  productExposure: 'productExposure',
  productClick: 'click',
  orderCreated: 'clickToOrder',
  paid: 'orderToPaid',
};
/** Stages that need commerce data: a barrage-only source shows "—" there, not 0. */
const COMMERCE_STAGES = new Set<FunnelStage>(['productExposure', 'productClick', 'orderCreated', 'paid']);

/** One label per stage, e.g. "商品点击  505 · 24.6%". Canvas text, not HTML, built from our own strings. */
export function funnelLabels(s: RoomState, lang: Lang): string[] {
  return FUNNEL_STAGES.map((stage) => {
    const missing = !s.hasCommerce && COMMERCE_STAGES.has(stage);
    const count = missing ? DASH : fmtCount(s.funnel.stages[stage], lang);
    const rateKey = RATE_OF[stage];
    const rate = rateKey ? ` · ${missing ? DASH : fmtPct(s.funnel.rates[rateKey])}` : '';
    return `${DICTS[lang][stage]}  ${count}${rate}`;
  });
}

const BASE: EChartsOption = {
  animation: false,
  tooltip: { show: false },
  series: [
    {
      type: 'funnel',
      sort: 'none',
      left: '5%',
      width: '90%',
      top: 8,
      bottom: 8,
      minSize: '60%',
      gap: 4,
      label: {
        position: 'inside',
        ...CHART_TEXT,
        color: '#0b1220',
        fontWeight: 'bold',
        overflow: 'truncate',
        formatter: (p: { data?: { text?: string } }) => p.data?.text ?? '',
      },
      data: [],
    },
  ],
};

export function FunnelChart() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const subscribe = useCallback(
    (update: (o: EChartsOption) => void) => {
      let last = '';
      const push = () => {
        const s = useRoomStore.getState().state;
        if (!s) return;
        const labels = funnelLabels(s, lang);
        const key = labels.join('|');
        if (key === last) return; // most ticks leave the funnel unchanged: no redraw
        last = key;
        const data = labels.map((text, i) => ({
          name: FUNNEL_STAGES[i],
          value: FUNNEL_STAGES.length - i,
          text,
          itemStyle: { color: CHART_COLORS[i % CHART_COLORS.length] },
        }));
        update({ series: [{ data }] });
      };
      push();
      return useRoomStore.subscribe(push);
    },
    [lang],
  );
  const conversion = useRoomStore((s) =>
    s.state?.hasCommerce === false ? null : (s.state?.funnel.rates.conversion ?? null),
  );
  return (
    <section className="panel funnel-panel">
      <h2>
        {t('funnel')}{' '}
        <span className="sub">
          {t('conversion')} {fmtPct(conversion, 2)}
        </span>
      </h2>
      <Chart testId="funnel-chart" base={BASE} subscribe={subscribe} />
    </section>
  );
}
