// Events taken off a room's timeline in SQLite: moved, not copied, in one transaction (storage/ports.ts).
import type { QuarantinedEvent, QuarantineStore } from '../ports.ts';
import type { Db } from './db.ts';

export class SqliteQuarantine implements QuarantineStore {
  private readonly moveOne;

  constructor(private readonly db: Db) {
    const copy = db.prepare(
      `INSERT OR IGNORE INTO quarantined_events (seq, room_id, ts, type, eid, body, reason, at)
       SELECT seq, room_id, ts, type, eid, body, ?, CAST(? AS INTEGER) FROM events WHERE room_id = ? AND seq = ?`,
    );
    const remove = db.prepare('DELETE FROM events WHERE room_id = ? AND seq = ?');
    this.moveOne = (roomId: string, seq: number, reason: string, at: number) => {
      copy.run(reason, at, roomId, seq);
      return remove.run(roomId, seq).changes;
    };
  }

  async move(roomId: string, seqs: number[], reason: string, at: number): Promise<number> {
    return this.db.transaction(() => seqs.reduce((n, seq) => n + this.moveOne(roomId, seq, reason, at), 0))();
  }

  async list(roomId: string, limit = 1000): Promise<QuarantinedEvent[]> {
    return this.db
      .prepare('SELECT seq, ts, body, reason, at FROM quarantined_events WHERE room_id = ? ORDER BY seq LIMIT ?')
      .all(roomId, limit) as QuarantinedEvent[];
  }
}
