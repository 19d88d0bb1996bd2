// The admin screen (`/` without a seat link): sign in, then rooms on the left and the chosen room's seat
// links, catalogue, sources and rules on the right. Loaded lazily: screens in the room never download it.
import { useCallback, useMemo, useState } from 'react';
import { useUiStore } from '../../stores/ui-store.ts';
import { adminApi } from './admin-api.ts';
import { useAdminT } from './admin-dict.ts';
import { saveAdminToken, takeAdminToken } from './admin-session.ts';
import { RoomPanel } from './room-panel.tsx';
import { RoomsList } from './rooms-list.tsx';
import { SignIn } from './sign-in.tsx';
import { useRooms } from './use-rooms.ts';
import '../../styles/admin.css';

export default function AdminScreen() {
  const [token, setToken] = useState(() => takeAdminToken());
  // Refused by the server (a wrong #admin= link, a token changed at restart): the sign-in form says so.
  const [refused, setRefused] = useState(false);
  const signOut = useCallback(() => {
    saveAdminToken(null);
    setToken(null);
  }, []);
  const unauthorized = useCallback(() => {
    setRefused(true);
    signOut();
  }, [signOut]);
  if (!token) return <SignIn onSignedIn={setToken} refused={refused} />;
  return <AdminHome token={token} onSignOut={signOut} onUnauthorized={unauthorized} />;
}

function AdminHome(props: { token: string; onSignOut: () => void; onUnauthorized: () => void }) {
  const { token, onSignOut } = props;
  const t = useAdminT();
  const lang = useUiStore((s) => s.lang);
  const setLang = useUiStore((s) => s.setLang);
  const api = useMemo(() => adminApi(token), [token]);
  const rooms = useRooms(api, props.onUnauthorized);
  const [selected, setSelected] = useState<string | null>(null);
  const room = rooms.list.find((r) => r.id === selected) ?? null;
  const onDeleted = useCallback(() => {
    setSelected(null);
    void rooms.reload();
  }, [rooms]);
  return (
    <div className="admin" data-testid="admin">
      <header className="admin-head">
        <h1>{t('adminTitle')}</h1>
        <button type="button" data-testid="lang-toggle" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'EN' : '中'}
        </button>
        <button type="button" onClick={onSignOut} data-testid="admin-sign-out">
          {t('signOut')}
        </button>
      </header>
      {rooms.error ? <p className="error-message">{rooms.error}</p> : null}
      <div className="admin-body">
        <RoomsList rooms={rooms} selected={selected} onSelect={setSelected} />
        {room ? (
          <RoomPanel key={room.id} api={api} room={room} onChanged={rooms.reload} onDeleted={onDeleted} />
        ) : (
          <p className="admin-empty">{t('pickRoomLeft')}</p>
        )}
      </div>
    </div>
  );
}
