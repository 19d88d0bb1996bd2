// The replay's timeline queries in PostgreSQL: session boundaries with window functions, explain segments and
// per-product counts over the (room_id, ts) index.
import type { LiveEvent } from '../../../shared/events.ts';
import { AUDIENCE_PAGE, AUDIENCE_TYPES, type ReplayQueries, type SessionMark } from '../ports.ts';
import type { Pool } from './db.ts';

export class PgReplayQueries implements ReplayQueries {
  constructor(private readonly pool: Pool) {}

  async sessionMarks(roomId: string, gapMs: number) {
    const marks = await this.pool.query<SessionMark>(
      `SELECT ts, prev, n FROM (
         SELECT ts, type, LAG(ts) OVER w AS prev, LAG(type) OVER w AS prev_type, ROW_NUMBER() OVER w AS n
         FROM events WHERE room_id = $1 WINDOW w AS (ORDER BY ts, seq)) x
       WHERE prev IS NULL OR ts - prev > $2 OR type = 'session_start' OR prev_type = 'session_end'
       ORDER BY n`,
      [roomId, gapMs],
    );
    const last = await this.pool.query<{ ts: number | null; n: number }>(
      'SELECT MAX(ts) AS ts, COUNT(*) AS n FROM events WHERE room_id = $1',
      [roomId],
    );
    return { marks: marks.rows, lastTs: last.rows[0]!.ts, count: last.rows[0]!.n };
  }

  async explainMarks(roomId: string, start: number, end: number) {
    const { rows } = await this.pool.query<{ ts: number; type: string; productId: string }>(
      `SELECT ts, type, body::json->>'productId' AS "productId" FROM events
       WHERE room_id = $1 AND ts BETWEEN $2 AND $3 AND type IN ('explain_start', 'explain_end') ORDER BY ts, seq`,
      [roomId, Math.trunc(start), Math.trunc(end)],
    );
    return rows;
  }

  async actionMarks(roomId: string, start: number, end: number) {
    const { rows } = await this.pool.query<{
      ts: number;
      action: string;
      productId: string | null;
      note: string | null;
    }>(
      `SELECT ts, body::json->>'action' AS action, body::json->>'productId' AS "productId", body::json->>'note' AS note
       FROM events WHERE room_id = $1 AND ts BETWEEN $2 AND $3 AND type = 'marked_action' ORDER BY ts, seq`,
      [roomId, Math.trunc(start), Math.trunc(end)],
    );
    return rows;
  }

  async productCounts(roomId: string, start: number, end: number, productId: string) {
    const { rows } = await this.pool.query<{ type: string; n: number; amount: number }>(
      `SELECT type, COUNT(*)::float8 AS n, COALESCE(SUM((body::json->>'amount')::float8), 0) AS amount FROM events
       WHERE room_id = $1 AND ts BETWEEN $2 AND $3 AND type IN ('product_exposure', 'product_click', 'order_created')
         AND body::json->>'productId' = $4 GROUP BY type
       UNION ALL
       SELECT 'counters:product_exposure', COALESCE(SUM((body::json->>'cardExposures')::float8), 0), 0 FROM events
       WHERE room_id = $1 AND ts BETWEEN $2 AND $3 AND type = 'counters' AND body::json->>'productId' = $4 HAVING COUNT(*) > 0
       UNION ALL
       SELECT 'counters:product_click', COALESCE(SUM((body::json->>'clicks')::float8), 0), 0 FROM events
       WHERE room_id = $1 AND ts BETWEEN $2 AND $3 AND type = 'counters' AND body::json->>'productId' = $4 HAVING COUNT(*) > 0
       UNION ALL
       SELECT 'counters:order_created', COALESCE(SUM((body::json->>'orders')::float8), 0), COALESCE(SUM((body::json->>'gmv')::float8), 0) FROM events
       WHERE room_id = $1 AND ts BETWEEN $2 AND $3 AND type = 'counters' AND body::json->>'productId' = $4 HAVING COUNT(*) > 0`,
      [roomId, Math.trunc(start), Math.trunc(end), productId],
    );
    return rows;
  }

  async *audienceEvents(roomId: string, start: number, end: number): AsyncIterable<LiveEvent[]> {
    let after = { ts: Math.trunc(start) - 1, seq: 0 };
    for (;;) {
      const { rows } = await this.pool.query<{ seq: string; ts: number; body: string }>(
        `SELECT seq, ts, body FROM events WHERE room_id = $1 AND ts BETWEEN $2 AND $3 AND type = ANY($4)
           AND (ts > $5 OR (ts = $5 AND seq > $6)) ORDER BY ts, seq LIMIT $7`,
        [roomId, Math.trunc(start), Math.trunc(end), [...AUDIENCE_TYPES], after.ts, after.seq, AUDIENCE_PAGE],
      );
      if (rows.length === 0) return;
      yield rows.map((r) => JSON.parse(r.body) as LiveEvent);
      const last = rows.at(-1)!;
      after = { ts: Number(last.ts), seq: Number(last.seq) };
      if (rows.length < AUDIENCE_PAGE) return;
    }
  }
}
