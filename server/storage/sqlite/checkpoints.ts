// Each room's latest engine checkpoint in SQLite, one row per room (a newer one replaces it). The body is
// opaque here: server/rooms/room-checkpoint.ts encodes and checks it.
import type { CheckpointStore, StoredCheckpoint } from '../ports.ts';
import type { Db } from './db.ts';

export class SqliteCheckpoints implements CheckpointStore {
  private readonly upsert;
  private readonly select;

  constructor(db: Db) {
    this.upsert = db.prepare(
      // Encoded off the event loop, two checkpoints may finish out of order: the later seq wins.
      `INSERT INTO checkpoints (room_id, seq, version, body) VALUES (?, CAST(? AS INTEGER), ?, ?)
       ON CONFLICT (room_id) DO UPDATE SET seq = excluded.seq, version = excluded.version, body = excluded.body
       WHERE excluded.seq >= checkpoints.seq`,
    );
    this.select = db.prepare('SELECT seq, version, body FROM checkpoints WHERE room_id = ?');
  }

  async put(roomId: string, seq: number, version: number, body: Buffer): Promise<void> {
    this.upsert.run(roomId, seq, version, body);
  }

  async latest(roomId: string): Promise<StoredCheckpoint | null> {
    return (this.select.get(roomId) as StoredCheckpoint | undefined) ?? null;
  }
}
