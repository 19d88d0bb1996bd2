// Choosing a room: the recent rooms of this browser, and a form to paste a room id and a seat token.
// Used by the picker page and by the header's dropdown.
import { type FormEvent, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { screenUrl } from '../lib/location.ts';
import { loadRecentRooms } from '../lib/recent-rooms.ts';
import { exchangeSeatLink } from '../lib/seat-session.ts';

export function RecentRoomList() {
  const t = useT();
  const recent = loadRecentRooms();
  if (recent.length === 0) return null;
  return (
    <>
      <h2>{t('recentRooms')}</h2>
      <ul className="recent-rooms" data-testid="recent-rooms">
        {recent.map((r) => (
          <li key={r.roomId}>
            <a href={screenUrl(r.roomId, r.seat)}>
              {r.name ?? r.roomId}
              {r.name ? <span className="room-id"> {r.roomId}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function RoomForm() {
  const t = useT();
  const [roomId, setRoomId] = useState('');
  const [token, setToken] = useState('');
  const [failed, setFailed] = useState(false);
  // The token is exchanged from here, never put in an address: the browser's history keeps addresses.
  const open = async (e: FormEvent) => {
    e.preventDefault();
    if (!roomId.trim() || !token.trim()) return;
    const next = await exchangeSeatLink(roomId.trim(), token.trim());
    if (next.status === 'ready') window.location.href = screenUrl(next.roomId, next.seat);
    else setFailed(true);
  };
  return (
    <form className="room-form" onSubmit={open}>
      <label>
        {t('roomId')}
        <input value={roomId} onChange={(e) => setRoomId(e.target.value)} name="room" autoComplete="off" />
      </label>
      <label>
        {t('token')}
        <input value={token} onChange={(e) => setToken(e.target.value)} name="token" autoComplete="off" />
      </label>
      <button type="submit">{t('open')}</button>
      {failed ? <p className="error-message">{t('linkRefused')}</p> : null}
    </form>
  );
}
