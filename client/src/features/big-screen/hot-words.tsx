// Ranked bars read better from 3 m than a cloud; rising words are marked ↑ and coloured. Words are text.
import { fmtCount } from '../../lib/format.ts';
import { useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { type HotWordWindow, useUiStore } from '../../stores/ui-store.ts';

const WINDOWS: HotWordWindow[] = ['1m', '5m', 'session'];
/** As many as fit a 1080p panel at a size readable from 3 m. */
const SHOWN = 12;

export function HotWords() {
  const t = useT();
  const win = useUiStore((s) => s.hotWordWindow);
  const setWin = useUiStore((s) => s.setHotWordWindow);
  const lang = useUiStore((s) => s.lang);
  const words = useRoomStore((s) => s.state?.hotWords[win]) ?? [];
  const max = Math.max(1, ...words.slice(0, SHOWN).map((w) => w.count));
  return (
    <section className="panel hot-words" data-testid="hot-words">
      <h2>
        {t('hotWords')}
        <span className="tabs">
          {WINDOWS.map((w) => (
            <button
              key={w}
              type="button"
              className={w === win ? 'active' : ''}
              aria-pressed={w === win}
              data-window={w}
              onClick={() => setWin(w)}
            >
              {w === 'session' ? t('session') : t(w === '1m' ? 'window1m' : 'window5m')}
            </button>
          ))}
        </span>
      </h2>
      {words.length === 0 ? (
        <p className="empty" data-testid="hot-words-empty">
          {t('noHotWords')}
        </p>
      ) : null}
      <ol>
        {words.slice(0, SHOWN).map((w) => (
          <li key={w.word} className={w.rising ? 'rising' : ''}>
            <span className="word">{w.word}</span>
            <span className="bar" style={{ width: `${Math.max(4, (w.count / max) * 100)}%` }} />
            <span className="count">
              {fmtCount(w.count, lang)}
              {w.rising ? ` ↑${t('rising')}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
