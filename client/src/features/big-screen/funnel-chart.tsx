import { useCallback, useMemo } from 'react';
import { FUNNEL_STAGES, type FunnelStage, type RoomState } from '../../../../shared/state.ts';
import { CHART_COLORS, CHART_TEXT, type EChartsOption } from '../../lib/echarts.ts';
import { fmtCount, fmtPct } from '../../lib/format.ts';
import { DICTS, useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { Chart } from '../../widgets/chart.tsx';

/** The rate shown under each stage: people of this stage ÷ people of the one before. */
const RATE_OF: Record<FunnelStage, keyof RoomState['funnel']['rates'] | null> = {
  exposure: null,
  enter: 'enter',
  productExposure: 'productExposure',
  productClick: 'click',
  orderCreated: 'clickToOrder',
  paid: 'orderToPaid',
};

export function FunnelChart() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const base = useMemo<EChartsOption>(
    () => ({
      animation: false,
      tooltip: { show: false },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '5%',
          width: '90%',
          top: 10,
          bottom: 10,
          minSize: '38%',
          gap: 4,
          label: { position: 'inside', ...CHART_TEXT, color: '#0b1220', fontWeight: 'bold' },
          data: [],
        },
      ],
    }),
    [],
  );
  const subscribe = useCallback(
    (update: (o: EChartsOption) => void) => {
      const dict = DICTS[lang];
      // Widths are by rank, not value: exposure can be 1,000× the paid count and would squash the rest.
      const push = () => {
        const s = useRoomStore.getState().state;
        if (!s) return;
        const data = FUNNEL_STAGES.map((stage, i) => {
          const rateKey = RATE_OF[stage];
          const rate = rateKey ? ` · ${fmtPct(s.funnel.rates[rateKey])}` : '';
          return {
            name: stage,
            value: FUNNEL_STAGES.length - i,
            itemStyle: { color: CHART_COLORS[i % CHART_COLORS.length] },
            label: { formatter: `${dict[stage]}  ${fmtCount(s.funnel.stages[stage], lang)}${rate}` },
          };
        });
        update({ series: [{ data }] });
      };
      push();
      return useRoomStore.subscribe(push);
    },
    [lang],
  );
  const conversion = useRoomStore((s) => s.state?.funnel.rates.conversion ?? null);
  return (
    <section className="panel funnel-panel">
      <h2>
        {t('funnel')}{' '}
        <span className="sub">
          {t('conversion')} {fmtPct(conversion, 2)}
        </span>
      </h2>
      <Chart testId="funnel-chart" base={base} subscribe={subscribe} />
    </section>
  );
}
