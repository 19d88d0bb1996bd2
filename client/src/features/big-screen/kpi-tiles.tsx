// The six numbers a 场控 reads first, each with its change against the previous 5 minutes.

import { useShallow } from 'zustand/react/shallow';
import type { AlertMetric } from '../../../../shared/alerts.ts';
import type { Change, RoomState } from '../../../../shared/state.ts';
import { fmtChange, fmtCount, fmtDuration, fmtMoney, fmtPct } from '../../lib/format.ts';
import type { Lang } from '../../lib/i18n.ts';
import { type Key, useT } from '../../lib/i18n.ts';
import { useAlertsStore } from '../../stores/alerts-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';

interface TileSpec {
  id: string;
  label: Key;
  value: (s: RoomState, lang: Lang) => string;
  change: (s: RoomState) => Change;
  commerce?: boolean;
}

const TILES: TileSpec[] = [
  { id: 'online', label: 'online', value: (s, l) => fmtCount(s.online, l), change: (s) => s.change5m.online },
  {
    id: 'entries',
    label: 'entries',
    value: (s, l) => fmtCount(s.entriesPerMin, l),
    change: (s) => s.change5m.entriesPerMin,
  },
  {
    id: 'watch',
    label: 'avgWatch',
    value: (s) => fmtDuration(s.avgWatchSeconds),
    change: (s) => s.change5m.avgWatchSeconds,
  },
  { id: 'gmv', label: 'gmv', value: (s, l) => fmtMoney(s.gmv, l), change: (s) => s.change5m.gmv, commerce: true },
  {
    id: 'orders',
    label: 'orders',
    value: (s, l) => fmtCount(s.orders, l),
    change: (s) => s.change5m.orders,
    commerce: true,
  },
  {
    id: 'conversion',
    label: 'conversion',
    value: (s) => fmtPct(s.funnel.rates.conversion, 2),
    change: (s) => s.change5m.conversion,
    commerce: true,
  },
];

/** Which tile flashes while an alert on a metric is firing and not yet acknowledged. */
const TILE_OF: Partial<Record<AlertMetric, string>> = {
  online: 'online',
  avgWatchSeconds: 'watch',
  entriesPerMin: 'entries',
  clickRate: 'conversion',
  clickToOrderRate: 'conversion',
  conversionRate: 'conversion',
  explainNoOrdersSeconds: 'orders',
};

export function KpiTiles() {
  const state = useRoomStore((s) => s.state);
  const flashing = useAlertsStore(
    useShallow((s) =>
      Object.values(s.active)
        .filter((a) => a.ackedAt === null)
        .map((a) => TILE_OF[a.metric] ?? ''),
    ),
  );
  const lang = useUiStore((s) => s.lang);
  const t = useT();
  return (
    <section className="kpis">
      {TILES.map((tile) => {
        const missing = !state || (tile.commerce && !state.hasCommerce);
        const change = fmtChange(missing || !state ? null : tile.change(state).pct);
        return (
          <div key={tile.id} className={`kpi kpi-${tile.id}${flashing.includes(tile.id) ? ' flash' : ''}`}>
            <div className="kpi-label">{t(tile.label)}</div>
            <div className="kpi-value" data-testid={`kpi-${tile.id}`}>
              {missing || !state ? '—' : tile.value(state, lang)}
            </div>
            <div className={`kpi-change ${change.dir}`} title={t('vs5m')}>
              {change.text}
            </div>
          </div>
        );
      })}
    </section>
  );
}
