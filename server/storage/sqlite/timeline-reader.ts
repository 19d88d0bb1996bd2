// Reading the timeline back from SQLite: events of a room in commit order (to rebuild an engine after a
// restart) and stored per-second states and ticks.
import type { LiveEvent } from '../../../shared/events.ts';
import { pagedEvents } from '../paged-events.ts';
import type { ScreenState, StateFrame, StoredState, TickFrame, TimelineReader } from '../ports.ts';
import { type FrameQueries, screenAt, stateFromFrames } from '../screen-at.ts';
import type { Db } from './db.ts';

const PAGE = 5000;

export class SqliteTimelineReader implements TimelineReader {
  private readonly page;
  private readonly stateAtSec;
  private readonly frames: FrameQueries;

  constructor(private readonly db: Db) {
    this.page = db.prepare('SELECT seq, body FROM events WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.stateAtSec = db.prepare(
      `SELECT sec, seq, base, body FROM states
       WHERE room_id = @room AND sec <= CAST(@sec AS INTEGER) AND sec >= (
         SELECT sec FROM states WHERE room_id = @room AND base IS NULL AND sec <= CAST(@sec AS INTEGER)
         ORDER BY sec DESC LIMIT 1)
       ORDER BY sec`,
    );
    const frameAt = db.prepare(
      'SELECT ts, seq FROM ticks WHERE room_id = ? AND ts <= CAST(? AS INTEGER) ORDER BY ts DESC, seq DESC LIMIT 1',
    );
    const frameAfter = db.prepare(
      'SELECT ts FROM ticks WHERE room_id = ? AND ts > CAST(? AS INTEGER) ORDER BY ts LIMIT 1',
    );
    const through = db.prepare(
      `SELECT ts, seq, base, body FROM ticks
       WHERE room_id = @room AND (ts, seq) <= (@ts, @seq) AND (ts, seq) >= (
         SELECT ts, seq FROM ticks WHERE room_id = @room AND base IS NULL AND (ts, seq) <= (@ts, @seq)
         ORDER BY ts DESC, seq DESC LIMIT 1)
       ORDER BY ts, seq`,
    );
    this.frames = {
      frameAt: async (room, ts) => (frameAt.get(room, ts) as { ts: number; seq: number } | undefined) ?? null,
      frameAfter: async (room, ts) => (frameAfter.get(room, ts) as { ts: number } | undefined)?.ts ?? null,
      framesThrough: async (room, ts, seq) => through.all({ room, ts, seq }) as TickFrame[],
      stateAt: (room, sec) => this.stateAt(room, sec),
    };
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
    return stateFromFrames(this.stateAtSec.all({ room: roomId, sec }) as StateFrame[]);
  }

  screenAt(roomId: string, ts: number): Promise<ScreenState | null> {
    return screenAt(this.frames, roomId, ts);
  }

  async firstStateFrom(roomId: string, ts: number): Promise<ScreenState | null> {
    const row = this.db
      .prepare('SELECT sec FROM states WHERE room_id = ? AND sec >= CAST(? AS INTEGER) ORDER BY sec LIMIT 1')
      .get(roomId, Math.floor(ts / 1000)) as { sec: number } | undefined;
    const state = row ? await this.stateAt(roomId, row.sec) : null;
    return state ? { ts: state.sec * 1000 + 999, body: state.body } : null;
  }

  async lastState(roomId: string): Promise<{ sec: number; seq: number } | null> {
    const row = this.db
      .prepare('SELECT sec, seq FROM states WHERE room_id = ? ORDER BY sec DESC LIMIT 1')
      .get(roomId) as { sec: number; seq: number } | undefined;
    return row ?? null;
  }
}
