// The second row: denominators and interaction, smaller than the KPI tiles.
import { useShallow } from 'zustand/react/shallow';
import type { RoomState } from '../../../../shared/state.ts';
import { DASH, fmtCount, fmtMoney, fmtPct } from '../../lib/format.ts';
import { type Key, type Lang, useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';

/** The platform hides who the viewers are: per-viewer rates have no denominator (shown —). */
const masked = (s: RoomState) => s.sources?.some((x) => x.masked) || s.source.masked === true;

/**
 * Figures computed from a sampled feed (barrage counts, 互动率) are samples: marked 采样, with the share of the
 * room's viewers the feed showed when the platform counts them. null: not sampled, no mark.
 */
function sampleMark(s: RoomState): string | null {
  const sampled = s.sources?.some((x) => x.sampled) || s.source.sampled === true;
  if (!sampled) return null;
  // A masked feed names only some viewers: the share it "showed" would say nothing.
  if (masked(s)) return '';
  return s.feedShare === null || s.feedShare === undefined ? '' : fmtPct(s.feedShare, 1);
}

const STATS: [Key, (s: RoomState, lang: Lang) => string, ((s: RoomState) => string | null)?][] = [
  ['cumulative', (s, l) => fmtCount(s.cumulativeViewers, l)],
  ['comments', (s, l) => fmtCount(s.comments, l), sampleMark],
  ['interaction', (s) => (masked(s) ? DASH : fmtPct(s.interactionRate)), sampleMark],
  ['likes', (s, l) => fmtCount(s.likes, l)],
  ['follows', (s, l) => fmtCount(s.follows, l)],
  ['paidTotal', (s, l) => (s.hasCommerce ? fmtMoney(s.paid, l) : DASH)],
  ['uvValue', (s, l) => (s.hasCommerce ? fmtMoney(s.uvValue, l) : DASH)],
];

export function SecondaryStats() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const values = useRoomStore(useShallow((st) => (st.state ? STATS.map(([, f]) => f(st.state!, lang)) : [])));
  const marks = useRoomStore(useShallow((st) => (st.state ? STATS.map(([, , m]) => m?.(st.state!) ?? null) : [])));
  return (
    <section className="stats" data-testid="secondary-stats">
      {values.map((v, i) => {
        const key = STATS[i]![0];
        return (
          <div key={key} className="stat">
            <span className="stat-label">
              {t(key)}
              {marks[i] !== null && marks[i] !== undefined ? (
                <span className="mark" data-testid={`stat-${key}-sampled`}>
                  {t('sampled')}
                  {marks[i] ? ` · ${t('seenShare')} ${marks[i]}` : ''}
                </span>
              ) : null}
            </span>
            <span className="stat-value">{v}</span>
          </div>
        );
      })}
    </section>
  );
}
