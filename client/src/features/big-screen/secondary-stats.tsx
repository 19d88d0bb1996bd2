// The second row: denominators and interaction, smaller than the KPI tiles.
import { fmtCount, fmtMoney, fmtPct } from '../../lib/format.ts';
import { type Key, useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';

export function SecondaryStats() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const s = useRoomStore((st) => st.state);
  if (!s) return <section className="stats" />;
  const items: [Key, string][] = [
    ['cumulative', fmtCount(s.cumulativeViewers, lang)],
    ['comments', fmtCount(s.comments, lang)],
    ['interaction', fmtPct(s.interactionRate)],
    ['likes', fmtCount(s.likes, lang)],
    ['follows', fmtCount(s.follows, lang)],
    ['paidTotal', s.hasCommerce ? fmtMoney(s.paid, lang) : '—'],
    ['uvValue', s.hasCommerce ? fmtMoney(s.uvValue, lang) : '—'],
  ];
  return (
    <section className="stats">
      {items.map(([k, v]) => (
        <div key={k} className="stat">
          <span className="stat-label">{t(k)}</span>
          <span className="stat-value">{v}</span>
        </div>
      ))}
    </section>
  );
}
