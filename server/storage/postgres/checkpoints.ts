// Each room's latest engine checkpoint in PostgreSQL, one row per room (a newer one replaces it).
import type { CheckpointStore, StoredCheckpoint } from '../ports.ts';
import type { Pool } from './db.ts';

export class PgCheckpoints implements CheckpointStore {
  constructor(private readonly pool: Pool) {}

  async put(roomId: string, seq: number, version: number, body: Buffer): Promise<void> {
    // As in SQLite, the later seq wins: checkpoints encoded off the event loop may finish out of order, and
    // clustered, an owner that lost the room checkpoints it on the way out, possibly after the new owner's.
    await this.pool.query(
      `INSERT INTO checkpoints (room_id, seq, version, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (room_id) DO UPDATE SET seq = EXCLUDED.seq, version = EXCLUDED.version, body = EXCLUDED.body
       WHERE EXCLUDED.seq >= checkpoints.seq`,
      [roomId, seq, version, body],
    );
  }

  async latest(roomId: string): Promise<StoredCheckpoint | null> {
    const { rows } = await this.pool.query<StoredCheckpoint>(
      'SELECT seq, version, body FROM checkpoints WHERE room_id = $1',
      [roomId],
    );
    return rows[0] ?? null;
  }
}
