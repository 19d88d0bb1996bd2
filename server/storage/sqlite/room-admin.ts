// The admin screen's changes to a room in SQLite: name, archive flag, seat tokens, deleting it with
// everything stored under it, and retention's pruning of old sessions. Kept apart from rooms.ts so the everyday reads stay small.
import type { Role, RoomAdminStore, StoredUsage } from '../ports.ts';
import { tokenHash } from '../token-hash.ts';
import type { Db } from './db.ts';

/** Tables keyed by room_id, children first (tokens refer to rooms). */
const ROOM_TABLES = ['events', 'quarantined_events', 'states', 'ticks', 'journal', 'checkpoints', 'tokens'] as const;

export class SqliteRoomAdmin implements RoomAdminStore {
  constructor(private readonly db: Db) {}

  async rename(id: string, name: string): Promise<void> {
    this.db.prepare('UPDATE rooms SET name = ? WHERE id = ?').run(name, id);
  }

  async setArchived(id: string, at: number | null): Promise<void> {
    this.db.prepare('UPDATE rooms SET archived_at = ? WHERE id = ?').run(at, id);
  }

  async replaceToken(roomId: string, role: Role, token: string | null): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM tokens WHERE room_id = ? AND role = ?').run(roomId, role);
      if (token !== null)
        this.db
          .prepare('INSERT INTO tokens (token, token_hash, room_id, role) VALUES (?, ?, ?, ?)')
          .run(token, tokenHash(token), roomId, role);
    })();
  }

  async usage(roomId: string): Promise<StoredUsage> {
    const count = (sql: string) => (this.db.prepare(sql).get(roomId) as { n: number }).n;
    const span = this.db.prepare('SELECT MIN(ts) AS a, MAX(ts) AS b FROM events WHERE room_id = ?').get(roomId) as {
      a: number | null;
      b: number | null;
    };
    return {
      events: count('SELECT COUNT(*) AS n FROM events WHERE room_id = ?'),
      journal: count('SELECT COUNT(*) AS n FROM journal WHERE room_id = ?'),
      states:
        count('SELECT COUNT(*) AS n FROM states WHERE room_id = ?') +
        count('SELECT COUNT(*) AS n FROM ticks WHERE room_id = ?'),
      firstTs: span.a,
      lastTs: span.b,
    };
  }

  async deleteRoom(roomId: string): Promise<void> {
    this.db.transaction(() => {
      for (const t of ROOM_TABLES) this.db.prepare(`DELETE FROM ${t} WHERE room_id = ?`).run(roomId);
      this.db.prepare('DELETE FROM rooms WHERE id = ?').run(roomId);
    })();
  }

  async pruneThrough(roomId: string, endTs: number): Promise<number> {
    let events = 0;
    this.db.transaction(() => {
      events = this.db
        .prepare('DELETE FROM events WHERE room_id = ? AND ts <= CAST(? AS INTEGER)')
        .run(roomId, endTs).changes;
      this.db.prepare('DELETE FROM ticks WHERE room_id = ? AND ts <= CAST(? AS INTEGER)').run(roomId, endTs);
      this.db
        .prepare('DELETE FROM states WHERE room_id = ? AND sec <= CAST(? AS INTEGER)')
        .run(roomId, Math.floor(endTs / 1000));
      this.db.prepare('DELETE FROM journal WHERE room_id = ? AND ts <= CAST(? AS INTEGER)').run(roomId, endTs);
    })();
    return events;
  }
}
