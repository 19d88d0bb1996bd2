// The journal in SQLite: small and infrequent next to events, so written directly rather than group-committed.
import type { JournalEntry, JournalKind, JournalStore } from '../ports.ts';
import type { Db } from './db.ts';

export class SqliteJournal implements JournalStore {
  private readonly insert;
  private readonly insertFenced;
  private readonly raise;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO journal (room_id, ts, kind, body) VALUES (?, CAST(? AS INTEGER), ?, ?)');
    this.insertFenced = db.prepare(
      `INSERT INTO journal (room_id, ts, kind, body) SELECT @room, CAST(@ts AS INTEGER), @kind, @body
       WHERE CAST(@fence AS INTEGER) >= COALESCE((SELECT token FROM room_fences WHERE room_id = @room), 0)`,
    );
    this.raise = db.prepare(
      `INSERT INTO room_fences (room_id, token) VALUES (?, CAST(? AS INTEGER))
       ON CONFLICT (room_id) DO UPDATE SET token = MAX(token, excluded.token)`,
    );
  }

  async append(roomId: string, ts: number, kind: JournalKind, body: unknown, fence?: number): Promise<void> {
    if (fence === undefined) this.insert.run(roomId, Math.round(ts), kind, JSON.stringify(body));
    else this.insertFenced.run({ room: roomId, ts: Math.round(ts), kind, body: JSON.stringify(body), fence });
  }

  async raiseFence(roomId: string, token: number): Promise<void> {
    this.raise.run(roomId, token);
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
