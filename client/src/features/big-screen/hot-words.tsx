// Ranked bars read better from 3 m than a cloud; rising words are marked. Words are rendered as text.
import { useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { type HotWordWindow, useUiStore } from '../../stores/ui-store.ts';

const WINDOWS: HotWordWindow[] = ['1m', '5m', 'session'];
const SHOWN = 12;

export function HotWords() {
  const t = useT();
  const win = useUiStore((s) => s.hotWordWindow);
  const setWin = useUiStore((s) => s.setHotWordWindow);
  const words = useRoomStore((s) => s.state?.hotWords[win]) ?? [];
  const max = words[0]?.count ?? 1;
  return (
    <section className="panel hot-words" data-testid="hot-words">
      <h2>
        {t('hotWords')}
        <span className="tabs">
          {WINDOWS.map((w) => (
            <button key={w} type="button" className={w === win ? 'active' : ''} onClick={() => setWin(w)}>
              {w === 'session' ? t('session') : w}
            </button>
          ))}
        </span>
      </h2>
      <ol>
        {words.slice(0, SHOWN).map((w) => (
          <li key={w.word} className={w.rising ? 'rising' : ''}>
            <span className="word">{w.word}</span>
            <span className="bar" style={{ width: `${Math.max(4, (w.count / max) * 100)}%` }} />
            <span className="count">
              {w.count}
              {w.rising ? ` ↑${t('rising')}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
