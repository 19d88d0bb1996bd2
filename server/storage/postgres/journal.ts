// The journal in PostgreSQL: appended through the group commit (one order for every entry), read back after
// whatever is queued is committed, so a reader sees every entry appended before it asked.
import type { JournalEntry, JournalKind, JournalStore } from '../ports.ts';
import type { Pool } from './db.ts';
import type { PgTimelineWriter } from './timeline-writer.ts';

export class PgJournal implements JournalStore {
  constructor(
    private readonly pool: Pool,
    private readonly writer: PgTimelineWriter,
  ) {}

  append(roomId: string, ts: number, kind: JournalKind, body: unknown, fence?: number): Promise<void> {
    return this.writer.appendJournal(roomId, ts, kind, body, fence ?? null);
  }

  async raiseFence(roomId: string, token: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO room_fences (room_id, token) VALUES ($1, $2)
       ON CONFLICT (room_id) DO UPDATE SET token = GREATEST(room_fences.token, EXCLUDED.token)`,
      [roomId, token],
    );
  }

  async list(roomId: string, kind?: JournalKind, limit = 1000): Promise<JournalEntry[]> {
    await this.writer.flush();
    const { rows } = await this.pool.query<{ ts: number; kind: JournalKind; body: string }>(
      kind
        ? 'SELECT ts, kind, body FROM journal WHERE room_id = $1 AND kind = $3 ORDER BY id LIMIT $2'
        : 'SELECT ts, kind, body FROM journal WHERE room_id = $1 ORDER BY id LIMIT $2',
      kind ? [roomId, limit, kind] : [roomId, limit],
    );
    return rows.map((r) => ({ ts: r.ts, kind: r.kind, body: JSON.parse(r.body) as unknown }));
  }
}
