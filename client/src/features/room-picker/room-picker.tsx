// Without a room in the URL: pick a recent room or paste a room id and a seat token.
import { type FormEvent, useState } from 'react';
import { useT } from '../../lib/i18n.ts';
import { screenUrl } from '../../lib/location.ts';
import { loadRecentRooms } from '../../lib/recent-rooms.ts';

export function RoomPicker() {
  const t = useT();
  const [roomId, setRoomId] = useState('');
  const [token, setToken] = useState('');
  const recent = loadRecentRooms();
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (roomId.trim() && token.trim()) window.location.href = screenUrl(roomId.trim(), token.trim());
  };
  return (
    <div className="picker" data-testid="room-picker">
      <h1>{t('title')}</h1>
      <form onSubmit={open}>
        <label>
          {t('roomId')}
          <input value={roomId} onChange={(e) => setRoomId(e.target.value)} />
        </label>
        <label>
          {t('token')}
          <input value={token} onChange={(e) => setToken(e.target.value)} />
        </label>
        <button type="submit">{t('open')}</button>
      </form>
      {recent.length > 0 ? (
        <>
          <h2>{t('recentRooms')}</h2>
          <ul>
            {recent.map((r) => (
              <li key={r.roomId}>
                <a href={screenUrl(r.roomId, r.token)}>{r.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
