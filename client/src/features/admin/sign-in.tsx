// `/` without a session: sign in with the admin token, or open a seat link someone sent (a 主播's prompter link).
import { type FormEvent, useState } from 'react';
import { useUiStore } from '../../stores/ui-store.ts';
import { RecentRoomList } from '../../widgets/room-choice.tsx';
import { adminApi } from './admin-api.ts';
import { useAdminT } from './admin-dict.ts';
import { saveAdminToken, seatPath } from './admin-session.ts';

export function SignIn({ onSignedIn, refused = false }: { onSignedIn: (token: string) => void; refused?: boolean }) {
  const t = useAdminT();
  const lang = useUiStore((s) => s.lang);
  const setLang = useUiStore((s) => s.setLang);
  const [token, setToken] = useState('');
  const [link, setLink] = useState('');
  const [error, setError] = useState<string | null>(() => (refused ? t('badToken') : null));
  const signIn = async (e: FormEvent) => {
    e.preventDefault();
    const res = await adminApi(token.trim()).rooms();
    if (!res.ok) return setError(res.status === 401 ? t('badToken') : `${t('error')}${res.message}`);
    saveAdminToken(token.trim());
    onSignedIn(token.trim());
  };
  const open = (e: FormEvent) => {
    e.preventDefault();
    const path = seatPath(link);
    if (path) window.location.href = path;
    else setError(t('notASeatLink'));
  };
  return (
    <div className="picker admin-sign-in" data-testid="admin-sign-in">
      <div className="picker-head">
        <h1>{t('adminTitle')}</h1>
        <button type="button" data-testid="lang-toggle" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'EN' : '中'}
        </button>
      </div>
      <h2>{t('signIn')}</h2>
      <form className="room-form" onSubmit={signIn}>
        <label>
          {t('adminToken')}
          <input
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            data-testid="admin-token"
          />
        </label>
        <button type="submit" data-testid="admin-sign-in-button">
          {t('signInButton')}
        </button>
      </form>
      <h2>{t('orSeatLink')}</h2>
      <form className="room-form" onSubmit={open}>
        <label>
          {t('seatLink')}
          <input
            value={link}
            onChange={(e) => setLink(e.target.value)}
            autoComplete="off"
            data-testid="seat-link-input"
          />
        </label>
        <button type="submit">{t('openLink')}</button>
      </form>
      {error ? (
        <p className="error-message" role="alert" data-testid="admin-error">
          {error}
        </p>
      ) : null}
      <RecentRoomList />
    </div>
  );
}
