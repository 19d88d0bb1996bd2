import { useState } from 'react';
import { useT } from '../../lib/i18n.ts';
import { screenUrl } from '../../lib/location.ts';
import { loadRecentRooms } from '../../lib/recent-rooms.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { ConnectionBadge, SourceBadge } from './status-badges.tsx';

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen?.();
}

export function Header({ roomId }: { roomId: string }) {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const setLang = useUiStore((s) => s.setLang);
  const name = useRoomStore((s) => s.roomName);
  const explaining = useRoomStore((s) => {
    const st = s.state;
    return st?.explaining ? (st.products.find((p) => p.id === st.explaining)?.name ?? st.explaining) : null;
  });
  const [picking, setPicking] = useState(false);
  return (
    <header className="top">
      <h1>
        {t('title')} · <span className="room-name">{name ?? roomId}</span>
      </h1>
      {explaining ? (
        <span className="now-explaining">
          {t('explaining')}: {explaining}
        </span>
      ) : null}
      <div className="top-right">
        <SourceBadge />
        <ConnectionBadge />
        <div className="picker-wrap">
          <button type="button" onClick={() => setPicking(!picking)}>
            {t('pickRoom')} ▾
          </button>
          {picking ? (
            <ul className="picker-menu">
              {loadRecentRooms().map((r) => (
                <li key={r.roomId}>
                  <a href={screenUrl(r.roomId, r.token)}>{r.name}</a>
                </li>
              ))}
              <li>
                <a href="/">{t('pickRoom')}…</a>
              </li>
            </ul>
          ) : null}
        </div>
        <ReplayLink roomId={roomId} />
        <button type="button" data-testid="lang-toggle" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'EN' : '中'}
        </button>
        <button type="button" onClick={toggleFullscreen}>
          {t('fullscreen')}
        </button>
      </div>
    </header>
  );
}

/** From the live screen to the replay of this room (and back with 回到直播). */
function ReplayLink({ roomId }: { roomId: string }) {
  const t = useT();
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  if (new URLSearchParams(window.location.search).has('replay')) return null;
  return (
    <a className="replay-link" href={`${screenUrl(roomId, token)}&replay`} data-testid="replay-link">
      {t('replay')}
    </a>
  );
}
