// The second row: denominators and interaction, smaller than the KPI tiles.
import { useShallow } from 'zustand/react/shallow';
import type { RoomState } from '../../../../shared/state.ts';
import { DASH, fmtCount, fmtMoney, fmtPct } from '../../lib/format.ts';
import { type Key, type Lang, useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';

const STATS: [Key, (s: RoomState, lang: Lang) => string][] = [
  ['cumulative', (s, l) => fmtCount(s.cumulativeViewers, l)],
  ['comments', (s, l) => fmtCount(s.comments, l)],
  ['interaction', (s) => fmtPct(s.interactionRate)],
  ['likes', (s, l) => fmtCount(s.likes, l)],
  ['follows', (s, l) => fmtCount(s.follows, l)],
  ['paidTotal', (s, l) => (s.hasCommerce ? fmtMoney(s.paid, l) : DASH)],
  ['uvValue', (s, l) => (s.hasCommerce ? fmtMoney(s.uvValue, l) : DASH)],
];

export function SecondaryStats() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const values = useRoomStore(useShallow((st) => (st.state ? STATS.map(([, f]) => f(st.state!, lang)) : [])));
  return (
    <section className="stats" data-testid="secondary-stats">
      {values.map((v, i) => {
        const key = STATS[i]![0];
        return (
          <div key={key} className="stat">
            <span className="stat-label">{t(key)}</span>
            <span className="stat-value">{v}</span>
          </div>
        );
      })}
    </section>
  );
}
