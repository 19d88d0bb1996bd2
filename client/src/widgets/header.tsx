// Room name, what is being explained, the two health badges, and the screen's controls: alert rules, room
// picker, replay, language, fullscreen.
import { useContext, useEffect, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { screenUrl } from '../lib/location.ts';
import { useRoomStore } from '../stores/room-store.ts';
import { useUiStore } from '../stores/ui-store.ts';
import { HeaderControls } from './header-controls.tsx';
import { RecentRoomList, RoomForm } from './room-choice.tsx';
import { ConnectionBadge, RetryControl, SourceBadge, SourceList } from './status-badges.tsx';

export function Header({ roomId }: { roomId: string }) {
  const t = useT();
  const Controls = useContext(HeaderControls);
  const name = useRoomStore((s) => s.roomName);
  const explaining = useRoomStore((s) => {
    const st = s.state;
    return st?.explaining ? (st.products.find((p) => p.id === st.explaining)?.name ?? st.explaining) : null;
  });
  return (
    <header className="top">
      <h1>
        {t('title')} · <span className="room-name">{name ?? roomId}</span>
      </h1>
      {explaining ? (
        <span className="now-explaining" data-testid="now-explaining">
          {t('explaining')}: {explaining}
        </span>
      ) : null}
      <div className="top-right">
        <SourceBadge />
        <SourceList />
        <ConnectionBadge />
        <RetryControl />
        {Controls ? <Controls roomId={roomId} /> : null}
        <RoomMenu />
        <ReplayLink roomId={roomId} />
        <LangToggle />
        <FullscreenButton />
      </div>
    </header>
  );
}

function RoomMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div className="picker-wrap">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="room-menu">
        {t('pickRoom')} ▾
      </button>
      {open ? (
        <div className="picker-menu">
          <RecentRoomList />
          <RoomForm />
        </div>
      ) : null}
    </div>
  );
}

function LangToggle() {
  const lang = useUiStore((s) => s.lang);
  const setLang = useUiStore((s) => s.setLang);
  return (
    <button type="button" data-testid="lang-toggle" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
      {lang === 'zh' ? 'EN' : '中'}
    </button>
  );
}

function FullscreenButton() {
  const t = useT();
  const [full, setFull] = useState(false);
  useEffect(() => {
    const sync = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => {});
  };
  if (!document.fullscreenEnabled) return null;
  return (
    <button type="button" onClick={toggle} aria-pressed={full} data-testid="fullscreen">
      {full ? t('exitFullscreen') : t('fullscreen')}
    </button>
  );
}

/** From the live screen to the replay of this room (and back with 回到直播). */
function ReplayLink({ roomId }: { roomId: string }) {
  const t = useT();
  const q = new URLSearchParams(window.location.search);
  if (q.has('replay')) return null;
  return (
    <a className="replay-link" href={`${screenUrl(roomId, q.get('seat') ?? '')}&replay`} data-testid="replay-link">
      {t('replay')}
    </a>
  );
}
