// Removing a room's timeline up to a time: events, per-second and per-tick states, and the journal. Callers
// pass the end of the last session they remove (server/rooms/retention.ts), so no session is cut in half.
import type { Db } from './db.ts';

export class RetentionRepo {
  constructor(private readonly db: Db) {}

  /** Deletes everything of the room stamped at or before `endTs` (ms); returns the events removed. */
  pruneThrough(roomId: string, endTs: number): number {
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
