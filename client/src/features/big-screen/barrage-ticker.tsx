// The latest barrage lines, newest first, always as plain text (React escapes; never innerHTML).
import { RECENT_COMMENTS_MAX } from '../../../../shared/constants.ts';
import { useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';

/** A nickname is shown when the feed gives one; ids are shortened: the screen is read from 3 m. */
const ID_CHARS = 8;

export function BarrageTicker() {
  const t = useT();
  const lines = useRoomStore((s) => s.state?.recentComments) ?? [];
  return (
    <section className="panel barrage">
      <h2>{t('barrage')}</h2>
      {lines.length === 0 ? (
        <p className="empty" data-testid="barrage-empty">
          {t('noBarrage')}
        </p>
      ) : null}
      <ul data-testid="barrage-ticker">
        {lines.slice(0, RECENT_COMMENTS_MAX).map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a flood repeats the same user, time and text; position is the identity
          <li key={`${c.ts}-${i}`}>
            <span className="who">{c.nickname ?? (c.userId ? c.userId.slice(0, ID_CHARS) : t('anonymous'))}</span>
            <span className="text">{c.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
