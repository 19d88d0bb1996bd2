// The six numbers a 场控 reads first, each with its change against the previous 5 minutes. Each tile selects
// only its own formatted value, so a tick that does not change a number does not re-render its tile.
import { useShallow } from 'zustand/react/shallow';
import type { AlertMetric } from '../../../../shared/alerts.ts';
import type { Change, RoomState } from '../../../../shared/state.ts';
import { DASH, fmtChange, fmtCount, fmtDuration, fmtMoney, fmtPct } from '../../lib/format.ts';
import { type Key, type Lang, useT } from '../../lib/i18n.ts';
import { useAlertsStore } from '../../stores/alerts-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';

interface TileSpec {
  id: 'online' | 'entries' | 'watch' | 'gmv' | 'orders' | 'conversion';
  label: Key;
  value: (s: RoomState, lang: Lang) => string;
  change: (s: RoomState) => Change;
  /** Needs order data: a barrage-only source shows "—", not a fake 0. */
  commerce?: boolean;
  /** A mark beside the label when the figure is estimated rather than counted. */
  note?: (s: RoomState) => Key | null;
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
    // Feeds without departures: online ÷ arrivals (Little's law), said to be an estimate.
    note: (s) => (s.avgWatchEstimated ? 'estimated' : null),
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
const TILE_OF: Partial<Record<AlertMetric, TileSpec['id']>> = {
  online: 'online',
  avgWatchSeconds: 'watch',
  entriesPerMin: 'entries',
  clickRate: 'conversion',
  clickToOrderRate: 'conversion',
  conversionRate: 'conversion',
  explainNoOrdersSeconds: 'orders',
};

export function KpiTiles() {
  const flashing = useAlertsStore(
    useShallow((s) =>
      Object.values(s.active)
        .filter((a) => a.ackedAt === null)
        .map((a) => TILE_OF[a.metric] ?? ''),
    ),
  );
  return (
    <section className="kpis">
      {TILES.map((tile) => (
        <Tile key={tile.id} spec={tile} flash={flashing.includes(tile.id)} />
      ))}
    </section>
  );
}

function Tile({ spec, flash }: { spec: TileSpec; flash: boolean }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const [value, pct, note] = useRoomStore(
    useShallow((s): [string, number | null, Key | null] => {
      const st = s.state;
      if (!st || (spec.commerce && !st.hasCommerce)) return [DASH, null, null];
      return [spec.value(st, lang), spec.change(st).pct, spec.note?.(st) ?? null];
    }),
  );
  const change = fmtChange(pct);
  return (
    <div className={`kpi kpi-${spec.id}${flash ? ' flash' : ''}`}>
      <div className="kpi-label">
        {t(spec.label)}
        {note ? (
          <span className="mark" data-testid={`kpi-${spec.id}-note`}>
            {t(note)}
          </span>
        ) : null}
      </div>
      <div className="kpi-value" data-testid={`kpi-${spec.id}`}>
        {value}
      </div>
      <div className={`kpi-change ${change.dir}`}>
        {change.text} <span className="kpi-vs">{t('vs5m')}</span>
      </div>
    </div>
  );
}
