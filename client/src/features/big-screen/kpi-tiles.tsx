// The six numbers a 场控 reads first, each with what changed in the last 5 minutes, said so that it cannot
// contradict the figure above it: a rate or gauge compares the last 5 minutes with the 5 before (环比); a
// running total (GMV, orders) shows its increase in the last 5 minutes, never a percentage of a window beside
// a session total. Both values are on hover. Each tile selects only its own formatted values, so a tick that
// does not change a number does not re-render its tile.
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
  /** A running total: its 5-minute line is the increase, formatted like this. */
  total?: (v: number, lang: Lang) => string;
  /** How the compared values read on hover (rates and gauges). */
  fmt?: (v: number, lang: Lang) => string;
}

const TILES: TileSpec[] = [
  {
    id: 'online',
    label: 'online',
    value: (s, l) => fmtCount(s.online, l),
    change: (s) => s.change5m.online,
    fmt: (v, l) => fmtCount(Math.round(v), l),
  },
  {
    id: 'entries',
    label: 'entries',
    value: (s, l) => fmtCount(s.entriesPerMin, l),
    change: (s) => s.change5m.entriesPerMin,
    fmt: (v, l) => fmtCount(Math.round(v), l),
  },
  {
    id: 'watch',
    label: 'avgWatch',
    value: (s) => fmtDuration(s.avgWatchSeconds),
    change: (s) => s.change5m.avgWatchSeconds,
    fmt: (v) => fmtDuration(v),
    // Feeds without departures: online ÷ arrivals (Little's law), said to be an estimate.
    note: (s) => (s.avgWatchEstimated ? 'estimated' : null),
  },
  {
    id: 'gmv',
    label: 'gmv',
    value: (s, l) => fmtMoney(s.gmv, l),
    change: (s) => s.change5m.gmv,
    commerce: true,
    total: (v, l) => fmtMoney(v, l),
  },
  {
    id: 'orders',
    label: 'orders',
    value: (s, l) => fmtCount(s.orders, l),
    change: (s) => s.change5m.orders,
    commerce: true,
    total: (v, l) => fmtCount(v, l),
  },
  {
    id: 'conversion',
    label: 'conversion',
    value: (s) => fmtPct(s.funnel.rates.conversion, 2),
    change: (s) => s.change5m.conversion,
    commerce: true,
    fmt: (v) => fmtPct(v, 2),
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
  const [value, now, prev, pct, note] = useRoomStore(
    useShallow((s): [string, number | null, number | null, number | null, Key | null] => {
      const st = s.state;
      if (!st || (spec.commerce && !st.hasCommerce)) return [DASH, null, null, null, null];
      const c = spec.change(st);
      return [spec.value(st, lang), c.now, c.prev, c.pct, spec.note?.(st) ?? null];
    }),
  );
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
      {spec.total ? (
        <TotalIncrease now={now} prev={prev} fmt={spec.total} />
      ) : (
        <RateChange now={now} prev={prev} pct={pct} fmt={spec.fmt ?? ((v) => String(v))} />
      )}
    </div>
  );
}

type Fmt = (v: number, lang: Lang) => string;

/** A running total: what it grew by in the last 5 minutes (and the 5 before, on hover). */
function TotalIncrease({ now, prev, fmt }: { now: number | null; prev: number | null; fmt: Fmt }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const f = (v: number | null) => (v === null ? DASH : fmt(v, lang));
  const title = `${t('last5m')} +${f(now)} · ${t('prev5m')} +${f(prev)}`;
  return (
    <div className={`kpi-change ${now ? 'up' : 'none'}`} title={title} data-testid="kpi-change">
      {now === null ? DASH : `+${f(now)}`} <span className="kpi-vs">{t('increase5m')}</span>
    </div>
  );
}

/** A rate or gauge: the last 5 minutes against the 5 before, both values on hover. */
function RateChange(props: { now: number | null; prev: number | null; pct: number | null; fmt: Fmt }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const change = fmtChange(props.pct);
  const f = (v: number | null) => (v === null ? DASH : props.fmt(v, lang));
  const title = `${t('last5m')} ${f(props.now)} · ${t('prev5m')} ${f(props.prev)}`;
  return (
    <div className={`kpi-change ${change.dir}`} title={title} data-testid="kpi-change">
      {change.text} <span className="kpi-vs">{t('vs5m')}</span>
    </div>
  );
}
