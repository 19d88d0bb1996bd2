// The latest barrage lines, newest first, always as plain text.
import { useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';

export function BarrageTicker() {
  const t = useT();
  const lines = useRoomStore((s) => s.state?.recentComments) ?? [];
  return (
    <section className="panel barrage">
      <h2>{t('barrage')}</h2>
      <ul data-testid="barrage-ticker">
        {lines.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a flood repeats the same user, time and text; position is the identity
          <li key={`${c.ts}-${i}`}>
            <span className="who">{c.userId ? c.userId.slice(0, 8) : '匿名'}</span>
            <span className="text">{c.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
