// Reading the timeline back from PostgreSQL: events in commit order, in pages, and stored states and ticks.
import type { LiveEvent } from '../../../shared/events.ts';
import { pagedEvents } from '../paged-events.ts';
import type { ScreenState, StateFrame, StoredState, TickFrame, TimelineReader } from '../ports.ts';
import { type FrameQueries, screenAt, stateFromFrames } from '../screen-at.ts';
import type { Pool } from './db.ts';

const PAGE = 5000;

const THROUGH = `SELECT ts, seq, base, body FROM ticks
  WHERE room_id = $1 AND (ts, seq) <= ($2, $3) AND (ts, seq) >= (
    SELECT ts, seq FROM ticks WHERE room_id = $1 AND base IS NULL AND (ts, seq) <= ($2, $3)
    ORDER BY ts DESC, seq DESC LIMIT 1)
  ORDER BY ts, seq`;

const STATE_THROUGH = `SELECT sec, seq, base, body FROM states
  WHERE room_id = $1 AND sec <= $2 AND sec >= (
    SELECT sec FROM states WHERE room_id = $1 AND base IS NULL AND sec <= $2 ORDER BY sec DESC LIMIT 1)
  ORDER BY sec`;

export class PgTimelineReader implements TimelineReader {
  private readonly frames: FrameQueries = {
    frameAt: (room, ts) =>
      this.first('SELECT ts, seq FROM ticks WHERE room_id = $1 AND ts <= $2 ORDER BY ts DESC, seq DESC LIMIT 1', [
        room,
        ts,
      ]),
    frameAfter: async (room, ts) =>
      (
        await this.first<{ ts: number }>('SELECT ts FROM ticks WHERE room_id = $1 AND ts > $2 ORDER BY ts LIMIT 1', [
          room,
          ts,
        ])
      )?.ts ?? null,
    framesThrough: async (room, ts, seq) => (await this.pool.query<TickFrame>(THROUGH, [room, ts, seq])).rows,
    stateAt: (room, sec) => this.stateAt(room, sec),
  };

  constructor(private readonly pool: Pool) {}

  private async first<T extends object>(sql: string, params: unknown[]): Promise<T | null> {
    const { rows } = await this.pool.query<T>(sql, params);
    return rows[0] ?? null;
  }

  events(roomId: string, afterSeq = 0): AsyncGenerator<LiveEvent[]> {
    return pagedEvents((r, a, n) => this.eventsPage(r, a, n), roomId, afterSeq, PAGE);
  }

  async eventsPage(roomId: string, afterSeq: number, limit: number) {
    const { rows } = await this.pool.query<{ seq: number; body: string }>(
      'SELECT seq, body FROM events WHERE room_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [roomId, afterSeq, limit],
    );
    return { seqs: rows.map((r) => r.seq), events: rows.map((r) => JSON.parse(r.body) as LiveEvent) };
  }

  async countEvents(roomId: string): Promise<number> {
    return (await this.first<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE room_id = $1', [roomId]))!.n;
  }

  async countEventsAfter(roomId: string, afterSeq: number): Promise<number> {
    const sql = 'SELECT COUNT(*) AS n FROM events WHERE room_id = $1 AND seq > $2';
    return (await this.first<{ n: number }>(sql, [roomId, afterSeq]))!.n;
  }

  async lastSeq(roomId: string): Promise<number> {
    const row = await this.first<{ s: number | null }>('SELECT MAX(seq) AS s FROM events WHERE room_id = $1', [roomId]);
    return row?.s ?? 0;
  }

  async stateAt(roomId: string, sec: number): Promise<StoredState | null> {
    const { rows } = await this.pool.query<StateFrame>(STATE_THROUGH, [roomId, Math.floor(sec)]);
    return stateFromFrames(rows);
  }

  screenAt(roomId: string, ts: number): Promise<ScreenState | null> {
    return screenAt(this.frames, roomId, ts);
  }

  async firstStateFrom(roomId: string, ts: number): Promise<ScreenState | null> {
    const row = await this.first<{ sec: number }>(
      'SELECT sec FROM states WHERE room_id = $1 AND sec >= $2 ORDER BY sec LIMIT 1',
      [roomId, Math.floor(ts / 1000)],
    );
    const state = row ? await this.stateAt(roomId, row.sec) : null;
    return state ? { ts: state.sec * 1000 + 999, body: state.body } : null;
  }

  lastState(roomId: string): Promise<{ sec: number; seq: number } | null> {
    return this.first('SELECT sec, seq FROM states WHERE room_id = $1 ORDER BY sec DESC LIMIT 1', [roomId]);
  }
}
