// One room: its name (rename), archive, delete (after naming what goes with it), then its seat links,
// catalogue, sources and alert rules.
import { type FormEvent, useState } from 'react';
import type { AdminRoom, RoomUsage } from '../../../../shared/admin.ts';
import { textProblem } from '../../../../shared/display-text.ts';
import type { AdminApi } from './admin-api.ts';
import { useAdminT } from './admin-dict.ts';
import { CatalogueEditor } from './catalogue-editor.tsx';
import { RoomExtras } from './room-extras.tsx';
import { SeatLinks } from './seat-links.tsx';

interface PanelProps {
  api: AdminApi;
  room: AdminRoom;
  onChanged: () => Promise<void>;
  onDeleted: () => void;
}

export function RoomPanel({ api, room, onChanged, onDeleted }: PanelProps) {
  const t = useAdminT();
  const [error, setError] = useState<string | null>(null);
  const archive = async () => {
    const res = await api.update(room.id, { archived: room.archivedAt === null });
    if (!res.ok) setError(res.message);
    await onChanged();
  };
  return (
    <main className="admin-room-panel" data-testid="room-panel">
      <header className="admin-panel-head">
        <RoomName api={api} room={room} onChanged={onChanged} />
        <span className="room-id">{room.id}</span>
        <button type="button" onClick={archive} data-testid="archive-room">
          {room.archivedAt === null ? t('archive') : t('unarchive')}
        </button>
        <DeleteRoom api={api} room={room} onDeleted={onDeleted} />
      </header>
      {error ? <p className="error-message">{error}</p> : null}
      <SeatLinks api={api} roomId={room.id} />
      <CatalogueEditor api={api} roomId={room.id} onSaved={onChanged} />
      <RoomExtras api={api} roomId={room.id} />
    </main>
  );
}

function RoomName({ api, room, onChanged }: Omit<PanelProps, 'onDeleted'>) {
  const t = useAdminT();
  const [editing, setEditing] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (editing && textProblem(editing)) return;
    if (editing?.trim()) await api.update(room.id, { name: editing.trim() });
    setEditing(null);
    await onChanged();
  };
  if (editing === null)
    return (
      <h2>
        {room.name}{' '}
        <button type="button" className="link-button" onClick={() => setEditing(room.name)} data-testid="rename-room">
          {t('rename')}
        </button>
      </h2>
    );
  return (
    <form className="admin-rename" onSubmit={save}>
      <input
        value={editing}
        maxLength={100}
        aria-invalid={textProblem(editing) !== null}
        onChange={(e) => setEditing(e.target.value)}
        data-testid="rename-input"
      />
      {textProblem(editing) ? <span className="error-message">{t('badName')}</span> : null}
      <button type="submit">{t('save')}</button>
      <button type="button" onClick={() => setEditing(null)}>
        {t('cancel')}
      </button>
    </form>
  );
}

/** Asks first, naming the sessions, events, records, products and sources that go with the room. */
function DeleteRoom({ api, room, onDeleted }: Omit<PanelProps, 'onChanged'>) {
  const t = useAdminT();
  const [usage, setUsage] = useState<RoomUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ask = async () => {
    const res = await api.usage(room.id);
    if (res.ok) setUsage(res.data);
    else setError(res.message);
  };
  const confirm = async () => {
    const res = await api.remove(room.id);
    if (res.ok) onDeleted();
    else setError(res.message);
  };
  return (
    <>
      <button type="button" className="danger" onClick={ask} data-testid="delete-room">
        {t('delete')}
      </button>
      {error ? <span className="error-message">{error}</span> : null}
      {usage ? (
        <div className="admin-dialog" role="alertdialog" aria-label={t('deleteAsk', { name: room.name })}>
          <p>
            <strong>{t('deleteAsk', { name: room.name })}</strong>
          </p>
          <p data-testid="delete-loses">{t('deleteLoses', { ...usage, firstTs: '', lastTs: '' })}</p>
          <button type="button" className="danger" onClick={confirm} data-testid="delete-confirm">
            {t('deleteConfirm')}
          </button>
          <button type="button" onClick={() => setUsage(null)}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
    </>
  );
}
