// The 场控's source setup: the room's sources with their live state, and a form to connect one more. Health
// comes from the room's ticks (state.sources), so a source's state and first messages show as they arrive.
import { useCallback, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SourceHealth } from '../../../../shared/state.ts';
import { type Key, useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { SourceForm } from './source-form.tsx';
import { listSources, removeSource, type SourceView } from './sources-api.ts';
import { useSourcesT } from './sources-dict.ts';

export default function SourceSetup({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const t = useSourcesT();
  const [sources, setSources] = useState<SourceView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const r = await listSources(roomId);
    if (r.ok) setSources(r.data.sources);
    else setError(r.message);
  }, [roomId]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const remove = async (id: string) => {
    const r = await removeSource(roomId, id);
    if (r.ok) setSources(r.data.sources);
    else setError(r.message);
  };
  return (
    <aside className="sources-drawer" role="dialog" aria-label={t('setupTitle')} data-testid="source-setup">
      <div className="sources-top">
        <h2>{t('setupTitle')}</h2>
        <button type="button" onClick={onClose} data-testid="sources-close">
          {t('close')}
        </button>
      </div>
      <SourceForm roomId={roomId} sources={sources} onAdded={(list) => setSources(list)} />
      <h3>{t('current')}</h3>
      {sources.length === 0 ? <p className="sources-note">{t('none')}</p> : null}
      <ul className="source-cards">
        {sources.map((s) => (
          <SourceCard key={s.id} view={s} onRemove={() => void remove(s.id)} />
        ))}
      </ul>
      {error ? (
        <p className="sources-error" data-testid="sources-error">
          {error}
        </p>
      ) : null}
      <p className="sources-note">{t('sampledNote')}</p>
    </aside>
  );
}

function SourceCard({ view, onRemove }: { view: SourceView; onRemove: () => void }) {
  const t = useSourcesT();
  const tt = useT();
  // The live health from the latest tick; the listing's until the first tick names this source.
  const live = useRoomStore((s) => s.state?.sources?.find((x) => x.id === view.id));
  const h: SourceHealth = live ?? view.health;
  const lines = useRoomStore(
    useShallow((s) =>
      (s.state?.recentComments ?? []).slice(0, 5).map((c) => `${c.nickname ?? c.userId ?? '—'}：${c.text}`),
    ),
  );
  const phase = h.phase ? tt(`phase_${h.phase}` as Key) : tt(h.status as Key);
  return (
    <li className={`source-card src-${h.status}`} data-testid={`source-card-${view.id}`} data-phase={h.phase ?? ''}>
      <div className="source-card-top">
        <strong>{view.id}</strong> <span className="kind">{view.config.kind}</span>
        <span className={`badge badge-src-${h.status}`}>{phase}</span>
        <button type="button" onClick={onRemove} data-testid={`source-remove-${view.id}`}>
          {t('remove')}
        </button>
      </div>
      <div className="source-counts" data-testid={`source-counts-${view.id}`}>
        {h.messages ?? 0} {t('messages')} · {h.unknown ?? 0} {t('unknown')} · {h.garbage ?? 0} {t('garbage')}
        {h.sampled ? ` · ${tt('sampled')}` : ''}
        {h.masked ? ` · ${tt('masked')}` : ''}
      </div>
      {h.error ? <div className="source-error">{h.error}</div> : null}
      {h.note ? <div className="sources-note">{h.note}</div> : null}
      {(h.messages ?? 0) > 0 && view.config.kind !== 'shop-webhook' && lines.length > 0 ? (
        <div className="first-messages">
          <div className="sources-note">{t('firstMessages')}</div>
          <ul data-testid={`source-lines-${view.id}`}>
            {lines.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines repeat; their position is their identity
              <li key={i}>{l}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}
