// Reading the timeline back from SQLite: events of a room in commit order (to rebuild an engine after a
// restart) and stored per-second states and ticks.
import type { LiveEvent } from '../../../shared/events.ts';
import { pagedEvents } from '../paged-events.ts';
import type { ScreenState, StoredState, TimelineReader } from '../ports.ts';
import { pickScreen, TICK_GAP_MS } from '../screen-at.ts';
import type { Db } from './db.ts';

const PAGE = 5000;

export class SqliteTimelineReader implements TimelineReader {
  private readonly page;
  private readonly tickAt;
  private readonly tickAfter;
  private readonly stateAtSec;

  constructor(private readonly db: Db) {
    this.page = db.prepare('SELECT seq, body FROM events WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.tickAt = db.prepare(
      'SELECT ts, body FROM ticks WHERE room_id = ? AND ts <= CAST(? AS INTEGER) ORDER BY ts DESC LIMIT 1',
    );
    this.tickAfter = db.prepare(
      'SELECT ts FROM ticks WHERE room_id = ? AND ts > CAST(? AS INTEGER) ORDER BY ts LIMIT 1',
    );
    this.stateAtSec = db.prepare(
      'SELECT sec, seq, body FROM states WHERE room_id = ? AND sec <= CAST(? AS INTEGER) ORDER BY sec DESC LIMIT 1',
    );
  }

  events(roomId: string, afterSeq = 0): AsyncGenerator<LiveEvent[]> {
    return pagedEvents((r, a, n) => this.eventsPage(r, a, n), roomId, afterSeq, PAGE);
  }

  async eventsPage(roomId: string, afterSeq: number, limit: number) {
    const rows = this.page.all(roomId, afterSeq, limit) as { seq: number; body: string }[];
    return { seqs: rows.map((r) => r.seq), events: rows.map((r) => JSON.parse(r.body) as LiveEvent) };
  }

  async countEventsAfter(roomId: string, afterSeq: number): Promise<number> {
    const row = this.db.prepare('SELECT COUNT(*) AS n FROM events WHERE room_id = ? AND seq > ?').get(roomId, afterSeq);
    return (row as { n: number }).n;
  }

  async countEvents(roomId: string): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM events WHERE room_id = ?').get(roomId) as { n: number }).n;
  }

  async lastSeq(roomId: string): Promise<number> {
    const row = this.db.prepare('SELECT MAX(seq) AS s FROM events WHERE room_id = ?').get(roomId) as {
      s: number | null;
    };
    return row.s ?? 0;
  }

  async stateAt(roomId: string, sec: number): Promise<StoredState | null> {
    return (this.stateAtSec.get(roomId, sec) as StoredState | undefined) ?? null;
  }

  async screenAt(roomId: string, ts: number): Promise<ScreenState | null> {
    const tick = (this.tickAt.get(roomId, Math.floor(ts)) as ScreenState | undefined) ?? null;
    const next = tick ? (this.tickAfter.get(roomId, tick.ts) as { ts: number } | undefined) : undefined;
    if (tick && (next ? next.ts : ts) - tick.ts <= TICK_GAP_MS) return tick; // no need to read the second
    const sec = (this.stateAtSec.get(roomId, Math.floor(ts / 1000) - 1) as StoredState | undefined) ?? null;
    return pickScreen(ts, tick, next?.ts ?? null, sec);
  }

  async firstStateFrom(roomId: string, ts: number): Promise<ScreenState | null> {
    const row = this.db
      .prepare('SELECT sec, body FROM states WHERE room_id = ? AND sec >= CAST(? AS INTEGER) ORDER BY sec LIMIT 1')
      .get(roomId, Math.floor(ts / 1000)) as { sec: number; body: string } | undefined;
    return row ? { ts: row.sec * 1000 + 999, body: row.body } : null;
  }

  async lastState(roomId: string): Promise<{ sec: number; seq: number } | null> {
    const row = this.db
      .prepare('SELECT sec, seq FROM states WHERE room_id = ? ORDER BY sec DESC LIMIT 1')
      .get(roomId) as { sec: number; seq: number } | undefined;
    return row ?? null;
  }
}
