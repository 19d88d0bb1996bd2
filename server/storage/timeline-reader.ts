// Reading the timeline back: events of a room in commit order (to rebuild an engine after a restart) and
// stored per-second states.
import type { LiveEvent } from '../../shared/events.ts';
import type { Db } from './db.ts';

export class TimelineReader {
  constructor(private readonly db: Db) {}

  *events(roomId: string, afterSeq = 0): Generator<LiveEvent> {
    const stmt = this.db.prepare('SELECT body FROM events WHERE room_id = ? AND seq > ? ORDER BY seq');
    for (const row of stmt.iterate(roomId, afterSeq) as Iterable<{ body: string }>) {
      yield JSON.parse(row.body) as LiveEvent;
    }
  }

  countEvents(roomId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM events WHERE room_id = ?').get(roomId) as { n: number }).n;
  }

  /** The latest stored state at or before second `sec`, as its JSON text. */
  stateAt(roomId: string, sec: number): { sec: number; seq: number; body: string } | null {
    const row = this.db
      .prepare(
        'SELECT sec, seq, body FROM states WHERE room_id = ? AND sec <= CAST(? AS INTEGER) ORDER BY sec DESC LIMIT 1',
      )
      .get(roomId, sec) as { sec: number; seq: number; body: string } | undefined;
    return row ?? null;
  }

  lastState(roomId: string): { sec: number; seq: number } | null {
    const row = this.db
      .prepare('SELECT sec, seq FROM states WHERE room_id = ? ORDER BY sec DESC LIMIT 1')
      .get(roomId) as { sec: number; seq: number } | undefined;
    return row ?? null;
  }
}
