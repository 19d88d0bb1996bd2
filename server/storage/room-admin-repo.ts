// What the admin screen changes about a room besides its catalogue: name, archive flag, seat tokens, and
// deleting it with everything stored under it. Kept apart from rooms-repo so the everyday reads stay small.
import type { Db } from './db.ts';
import type { Role } from './rooms-repo.ts';

export interface RoomUsage {
  events: number;
  /** Alert transitions, rule changes and cue steps journaled. */
  journal: number;
  /** Per-second and per-tick states kept for replay. */
  states: number;
  firstTs: number | null;
  lastTs: number | null;
}

/** Tables keyed by room_id, children first (tokens refer to rooms). */
const ROOM_TABLES = ['events', 'states', 'ticks', 'journal', 'checkpoints', 'tokens'] as const;

export class RoomAdminRepo {
  constructor(private readonly db: Db) {}

  rename(id: string, name: string): void {
    this.db.prepare('UPDATE rooms SET name = ? WHERE id = ?').run(name, id);
  }

  setArchived(id: string, at: number | null): void {
    this.db.prepare('UPDATE rooms SET archived_at = ? WHERE id = ?').run(at, id);
  }

  /** The seat's token is replaced (rotate) or removed (revoke, token null): the old one opens nothing. */
  replaceToken(roomId: string, role: Role, token: string | null): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM tokens WHERE room_id = ? AND role = ?').run(roomId, role);
      if (token !== null)
        this.db.prepare('INSERT INTO tokens (token, room_id, role) VALUES (?, ?, ?)').run(token, roomId, role);
    })();
  }

  usage(roomId: string): RoomUsage {
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

  /** Everything stored under the room, in one transaction. */
  deleteRoom(roomId: string): void {
    this.db.transaction(() => {
      for (const t of ROOM_TABLES) this.db.prepare(`DELETE FROM ${t} WHERE room_id = ?`).run(roomId);
      this.db.prepare('DELETE FROM rooms WHERE id = ?').run(roomId);
    })();
  }
}
