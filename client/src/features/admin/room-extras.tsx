// The room's sources as the server runs them, and its alert rules. Setting up a source and editing rules are
// the 场控 screen's own panels (features/sources, features/rules), opened there with `&sources` / `&rules`, so
// there is one editor of each, not two.
import { useEffect, useState } from 'react';
import { screenUrl } from '../../lib/location.ts';
import { exchangeSeatLink } from '../../lib/seat-session.ts';
import type { AdminApi, SourceView } from './admin-api.ts';
import { useAdminT } from './admin-dict.ts';

export function RoomExtras({ api, roomId }: { api: AdminApi; roomId: string }) {
  const t = useAdminT();
  const [sources, setSources] = useState<SourceView[] | null>(null);
  // The 场控 screen opens from this browser's seat cookie, taken here from the controller token: a link that
  // carried the token would leave it in this browser's history.
  const [controller, setController] = useState<string | null>(null);
  useEffect(() => {
    void api.sources(roomId).then((res) => setSources(res.ok ? res.data.sources : []));
    void api.seats(roomId).then(async (res) => {
      const token = res.ok ? res.data.controller : undefined;
      const seat = token ? await exchangeSeatLink(roomId, token) : null;
      setController(seat?.status === 'ready' ? `${window.location.origin}${screenUrl(roomId, 'controller')}` : null);
    });
  }, [api, roomId]);
  return (
    <>
      <section className="admin-section" data-testid="room-sources">
        <h3>{t('sources')}</h3>
        {sources && sources.length === 0 ? <p className="admin-note">{t('noSources')}</p> : null}
        {controller ? (
          <a href={`${controller}&sources`} target="_blank" rel="noreferrer" data-testid="open-sources">
            {t('openSources')}
          </a>
        ) : null}
        <ul className="admin-sources">
          {(sources ?? []).map((s) => (
            <li key={s.id}>
              <code>{s.id}</code> {s.config.kind}{' '}
              <span className={`badge badge-src-${s.health.status}`}>{s.health.phase ?? s.health.status}</span>
              {s.health.error ? <span className="error-message"> {s.health.error}</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="admin-section" data-testid="room-rules">
        <h3>{t('rules')}</h3>
        <p className="admin-note">{t('rulesHint')}</p>
        {controller ? (
          <a href={`${controller}&rules`} target="_blank" rel="noreferrer" data-testid="open-rules">
            {t('openRules')}
          </a>
        ) : (
          <p className="admin-note">{t('noLink')}</p>
        )}
      </section>
    </>
  );
}
