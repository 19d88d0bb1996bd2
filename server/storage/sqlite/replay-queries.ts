// The replay's timeline queries in SQLite: session boundaries with window functions, explain segments and
// per-product counts over the (room_id, ts) index, so each reads only its session's rows.
import type { LiveEvent } from '../../../shared/events.ts';
import { AUDIENCE_PAGE, AUDIENCE_TYPES, type ReplayQueries, type SessionMark } from '../ports.ts';
import type { Db } from './db.ts';

export class SqliteReplayQueries implements ReplayQueries {
  private readonly counts;

  constructor(private readonly db: Db) {
    this.counts = db.prepare(
      `SELECT type, COUNT(*) AS n, COALESCE(SUM(json_extract(body, '$.amount')), 0) AS amount FROM events
       WHERE room_id = @room AND ts BETWEEN @start AND @end AND type IN ('product_exposure', 'product_click', 'order_created')
         AND json_extract(body, '$.productId') = @productId GROUP BY type
       UNION ALL
       SELECT 'counters:product_exposure', COALESCE(SUM(json_extract(body, '$.cardExposures')), 0), 0 FROM events
       WHERE room_id = @room AND ts BETWEEN @start AND @end AND type = 'counters' AND json_extract(body, '$.productId') = @productId HAVING COUNT(*) > 0
       UNION ALL
       SELECT 'counters:product_click', COALESCE(SUM(json_extract(body, '$.clicks')), 0), 0 FROM events
       WHERE room_id = @room AND ts BETWEEN @start AND @end AND type = 'counters' AND json_extract(body, '$.productId') = @productId HAVING COUNT(*) > 0
       UNION ALL
       SELECT 'counters:order_created', COALESCE(SUM(json_extract(body, '$.orders')), 0), COALESCE(SUM(json_extract(body, '$.gmv')), 0) FROM events
       WHERE room_id = @room AND ts BETWEEN @start AND @end AND type = 'counters' AND json_extract(body, '$.productId') = @productId HAVING COUNT(*) > 0`,
    );
  }

  async sessionMarks(roomId: string, gapMs: number) {
    const marks = this.db
      .prepare(
        `SELECT ts, prev, n FROM (
           SELECT ts, type, LAG(ts) OVER w AS prev, LAG(type) OVER w AS prevType, ROW_NUMBER() OVER w AS n
           FROM events WHERE room_id = ? WINDOW w AS (ORDER BY ts, seq))
         WHERE prev IS NULL OR ts - prev > ? OR type = 'session_start' OR prevType = 'session_end'`,
      )
      .all(roomId, gapMs) as SessionMark[];
    const last = this.db.prepare('SELECT MAX(ts) AS ts, COUNT(*) AS n FROM events WHERE room_id = ?').get(roomId) as {
      ts: number | null;
      n: number;
    };
    return { marks, lastTs: last.ts, count: last.n };
  }

  async explainMarks(roomId: string, start: number, end: number) {
    return this.db
      .prepare(
        `SELECT ts, type, json_extract(body, '$.productId') AS productId FROM events
         WHERE room_id = ? AND ts BETWEEN ? AND ? AND type IN ('explain_start', 'explain_end') ORDER BY ts`,
      )
      .all(roomId, start, end) as { ts: number; type: string; productId: string }[];
  }

  async actionMarks(roomId: string, start: number, end: number) {
    return this.db
      .prepare(
        `SELECT ts, json_extract(body, '$.action') AS action, json_extract(body, '$.productId') AS productId,
                json_extract(body, '$.note') AS note FROM events
         WHERE room_id = ? AND ts BETWEEN ? AND ? AND type = 'marked_action' ORDER BY ts`,
      )
      .all(roomId, start, end) as { ts: number; action: string; productId: string | null; note: string | null }[];
  }

  async productCounts(roomId: string, start: number, end: number, productId: string) {
    return this.counts.all({ room: roomId, start, end, productId }) as { type: string; n: number; amount: number }[];
  }

  async *audienceEvents(roomId: string, start: number, end: number): AsyncIterable<LiveEvent[]> {
    const page = this.db.prepare(
      `SELECT seq, ts, body FROM events WHERE room_id = ? AND ts BETWEEN ? AND ?
         AND type IN (${AUDIENCE_TYPES.map((t) => `'${t}'`).join(', ')}) AND (ts > ? OR (ts = ? AND seq > ?))
       ORDER BY ts, seq LIMIT ?`,
    );
    let after = { ts: Math.trunc(start) - 1, seq: 0 };
    for (;;) {
      const rows = page.all(
        roomId,
        Math.trunc(start),
        Math.trunc(end),
        after.ts,
        after.ts,
        after.seq,
        AUDIENCE_PAGE,
      ) as {
        seq: number;
        ts: number;
        body: string;
      }[];
      if (rows.length === 0) return;
      yield rows.map((r) => JSON.parse(r.body) as LiveEvent);
      const last = rows.at(-1)!;
      after = { ts: last.ts, seq: last.seq };
      if (rows.length < AUDIENCE_PAGE) return;
    }
  }
}
