// Reading the timeline back: events of a room in commit order (to rebuild an engine after a restart) and
// stored per-second states.
import type { LiveEvent } from '../../shared/events.ts';
import type { Db } from './db.ts';

/** Ticks come several times a second of wall time; even at 60x replay speed with a stalled event loop they are
 * well under this apart in event time. A longer gap means no screen was live there (an import). */
const TICK_GAP_MS = 120_000;

export class TimelineReader {
  constructor(private readonly db: Db) {}

  *events(roomId: string, afterSeq = 0): Generator<LiveEvent> {
    const stmt = this.db.prepare('SELECT body FROM events WHERE room_id = ? AND seq > ? ORDER BY seq');
    for (const row of stmt.iterate(roomId, afterSeq) as Iterable<{ body: string }>) {
      yield JSON.parse(row.body) as LiveEvent;
    }
  }

  /** Up to `limit` events after `afterSeq`, with their seqs: a rebuild reads in pages and yields between them
   * (an open iterator would hold the connection busy across the yields). */
  eventsPage(roomId: string, afterSeq: number, limit: number): { seqs: number[]; events: LiveEvent[] } {
    const rows = this.db
      .prepare('SELECT seq, body FROM events WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(roomId, afterSeq, limit) as { seq: number; body: string }[];
    return { seqs: rows.map((r) => r.seq), events: rows.map((r) => JSON.parse(r.body) as LiveEvent) };
  }

  /** The room's latest event seq (an index lookup), or null without events. */
  lastSeq(roomId: string): number | null {
    const row = this.db.prepare('SELECT MAX(seq) AS s FROM events WHERE room_id = ?').get(roomId) as {
      s: number | null;
    };
    return row.s;
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

  /**
   * The state a screen of the room showed at event time `ts`: the latest stored tick at or before it, or the
   * per-second state if that is later (seconds no tick saw: imports, accelerated runs).
   */
  screenAt(roomId: string, ts: number): { ts: number; body: string } | null {
    const tick = this.db
      .prepare('SELECT ts, body FROM ticks WHERE room_id = ? AND ts <= CAST(? AS INTEGER) ORDER BY ts DESC LIMIT 1')
      .get(roomId, Math.floor(ts)) as { ts: number; body: string } | undefined;
    // While the ticker ran around `ts` (the next tick follows closely), the last tick is what screens showed.
    if (tick) {
      const next = this.db
        .prepare('SELECT ts FROM ticks WHERE room_id = ? AND ts > CAST(? AS INTEGER) ORDER BY ts LIMIT 1')
        .get(roomId, tick.ts) as { ts: number } | undefined;
      if ((next ? next.ts : ts) - tick.ts <= TICK_GAP_MS) return tick;
    }
    const sec = this.stateAt(roomId, Math.floor(ts / 1000) - 1);
    const secTs = sec ? sec.sec * 1000 + 999 : null;
    if (sec && secTs !== null && (!tick || secTs > tick.ts)) return { ts: secTs, body: sec.body };
    return tick ?? null;
  }

  /** The earliest per-second state at or after `ts`: a session's first moment precedes its first stored state. */
  firstStateFrom(roomId: string, ts: number): { ts: number; body: string } | null {
    const row = this.db
      .prepare('SELECT sec, body FROM states WHERE room_id = ? AND sec >= CAST(? AS INTEGER) ORDER BY sec LIMIT 1')
      .get(roomId, Math.floor(ts / 1000)) as { sec: number; body: string } | undefined;
    return row ? { ts: row.sec * 1000 + 999, body: row.body } : null;
  }

  lastState(roomId: string): { sec: number; seq: number } | null {
    const row = this.db
      .prepare('SELECT sec, seq FROM states WHERE room_id = ? ORDER BY sec DESC LIMIT 1')
      .get(roomId) as { sec: number; seq: number } | undefined;
    return row ?? null;
  }
}
