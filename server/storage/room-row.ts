// A rooms row as both backends store it (JSON text columns, ms timestamps) and the record it stands for.
// Only `demo` differs by dialect: SQLite has no boolean and answers 0/1.
import type { Product } from '../../shared/events.ts';
import type { RoomRecord } from './ports.ts';

export interface RoomRow {
  id: string;
  name: string;
  created_at: number;
  products: string;
  source: string | null;
  demo: boolean | number;
  archived_at: number | null;
}

export function roomRecord(r: RoomRow): RoomRecord {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    products: JSON.parse(r.products) as Product[],
    source: r.source === null ? null : (JSON.parse(r.source) as unknown),
    demo: r.demo === true || r.demo === 1,
    archivedAt: r.archived_at ?? null,
  };
}
