// The rooms column: create one by name, pick one, archived rooms hidden unless asked for.
import { type FormEvent, useState } from 'react';
import { textProblem } from '../../../../shared/display-text.ts';
import { useAdminT } from './admin-dict.ts';
import type { Rooms } from './use-rooms.ts';

export function RoomsList({
  rooms,
  selected,
  onSelect,
}: {
  rooms: Rooms;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const t = useAdminT();
  const [name, setName] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || textProblem(name)) return;
    const id = await rooms.create(name.trim());
    if (id) {
      setName('');
      onSelect(id);
    }
  };
  const shown = rooms.list.filter((r) => showArchived || r.archivedAt === null || r.id === selected);
  return (
    <nav className="admin-rooms" data-testid="admin-rooms">
      <h2>{t('rooms')}</h2>
      <form className="admin-create" onSubmit={create}>
        <input
          value={name}
          placeholder={t('newRoom')}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={textProblem(name) !== null}
          data-testid="new-room-name"
        />
        {textProblem(name) ? <span className="error-message">{t('badName')}</span> : null}
        <button type="submit" data-testid="create-room">
          {t('create')}
        </button>
      </form>
      <ul>
        {shown.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className={r.id === selected ? 'admin-room selected' : 'admin-room'}
              aria-current={r.id === selected}
              onClick={() => onSelect(r.id)}
              data-testid={`room-${r.id}`}
            >
              <span className="admin-room-name">{r.name}</span>
              <span className="admin-room-meta">
                {r.productCount} {t('products')}
                {r.demo ? ` · ${t('demo')}` : ''}
                {r.archivedAt !== null ? ` · ${t('archived')}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <label className="admin-toggle">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
        {t('showArchived')}
      </label>
    </nav>
  );
}
