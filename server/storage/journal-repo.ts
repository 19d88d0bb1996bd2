// The journal: alert transitions, rule changes and each step of a cue's life, timestamped on the room's
// timeline. Small and infrequent next to events, so it is written directly rather than group-committed.
import type { Db } from './db.ts';

export type JournalKind = 'alert' | 'rules' | 'cue';

export class JournalRepo {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO journal (room_id, ts, kind, body) VALUES (?, CAST(? AS INTEGER), ?, ?)');
  }

  append(roomId: string, ts: number, kind: JournalKind, body: unknown): void {
    this.insert.run(roomId, Math.round(ts), kind, JSON.stringify(body));
  }

  list(roomId: string, kind?: JournalKind, limit = 1000): { ts: number; kind: JournalKind; body: unknown }[] {
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
