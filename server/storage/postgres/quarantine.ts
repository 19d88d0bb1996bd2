// Events taken off a room's timeline in PostgreSQL: moved, not copied, in one transaction (storage/ports.ts).
import type { QuarantinedEvent, QuarantineStore } from '../ports.ts';
import { inTransaction, type Pool } from './db.ts';

export class PgQuarantine implements QuarantineStore {
  constructor(private readonly pool: Pool) {}

  async move(roomId: string, seqs: number[], reason: string, at: number): Promise<number> {
    if (seqs.length === 0) return 0;
    return inTransaction(this.pool, async (c) => {
      const { rowCount } = await c.query(
        `WITH moved AS (DELETE FROM events WHERE room_id = $1 AND seq = ANY($2::bigint[])
                        RETURNING seq, room_id, ts, type, eid, body)
         INSERT INTO quarantined_events (seq, room_id, ts, type, eid, body, reason, at)
         SELECT seq, room_id, ts, type, eid, body, $3, $4 FROM moved ON CONFLICT (seq) DO NOTHING`,
        [roomId, seqs, reason, at],
      );
      return rowCount ?? 0;
    });
  }

  async list(roomId: string, limit = 1000): Promise<QuarantinedEvent[]> {
    const { rows } = await this.pool.query<QuarantinedEvent>(
      'SELECT seq, ts, body, reason, at FROM quarantined_events WHERE room_id = $1 ORDER BY seq LIMIT $2',
      [roomId, limit],
    );
    return rows;
  }
}
