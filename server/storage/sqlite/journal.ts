// The journal in SQLite: small and infrequent next to events, so written directly rather than group-committed.
import type { JournalEntry, JournalKind, JournalStore } from '../ports.ts';
import type { Db } from './db.ts';

export class SqliteJournal implements JournalStore {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO journal (room_id, ts, kind, body) VALUES (?, CAST(? AS INTEGER), ?, ?)');
  }

  async append(roomId: string, ts: number, kind: JournalKind, body: unknown): Promise<void> {
    this.insert.run(roomId, Math.round(ts), kind, JSON.stringify(body));
  }

  async list(roomId: string, kind?: JournalKind, limit = 1000): Promise<JournalEntry[]> {
    const rows = (
      kind
        ? this.db
            .prepare('SELECT ts, kind, body FROM journal WHERE room_id = ? AND kind = ? ORDER BY id LIMIT ?')
            .all(roomId, kind, limit)
        : this.db.prepare('SELECT ts, kind, body FROM journal WHERE room_id = ? ORDER BY id LIMIT ?').all(roomId, limit)
    ) as { ts: number; kind: JournalKind; body: string }[];
    return rows.map((r) => ({ ts: r.ts, kind: r.kind, body: JSON.parse(r.body) as unknown }));
  }
}
