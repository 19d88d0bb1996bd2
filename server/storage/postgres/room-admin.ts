// The admin screen's changes to a room in PostgreSQL, deleting it whole, and retention's pruning.
import type { Role, RoomAdminStore, StoredUsage } from '../ports.ts';
import { tokenHash } from '../token-hash.ts';
import { inTransaction, type Pool } from './db.ts';

/** Tables keyed by room_id, children first (tokens refer to rooms). */
const ROOM_TABLES = ['events', 'quarantined_events', 'states', 'ticks', 'journal', 'checkpoints', 'tokens'] as const;

export class PgRoomAdmin implements RoomAdminStore {
  constructor(private readonly pool: Pool) {}

  async rename(id: string, name: string): Promise<void> {
    await this.pool.query('UPDATE rooms SET name = $1 WHERE id = $2', [name, id]);
  }

  async setArchived(id: string, at: number | null): Promise<void> {
    await this.pool.query('UPDATE rooms SET archived_at = $1 WHERE id = $2', [at, id]);
  }

  async replaceToken(roomId: string, role: Role, token: string | null): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query('DELETE FROM tokens WHERE room_id = $1 AND role = $2', [roomId, role]);
      if (token !== null)
        await c.query('INSERT INTO tokens (token, token_hash, room_id, role) VALUES ($1, $2, $3, $4)', [
          token,
          tokenHash(token),
          roomId,
          role,
        ]);
    });
  }

  async usage(roomId: string): Promise<StoredUsage> {
    const { rows } = await this.pool.query<StoredUsage>(
      `SELECT (SELECT COUNT(*) FROM events WHERE room_id = $1) AS events,
              (SELECT COUNT(*) FROM journal WHERE room_id = $1) AS journal,
              (SELECT COUNT(*) FROM states WHERE room_id = $1) + (SELECT COUNT(*) FROM ticks WHERE room_id = $1) AS states,
              (SELECT MIN(ts) FROM events WHERE room_id = $1) AS "firstTs",
              (SELECT MAX(ts) FROM events WHERE room_id = $1) AS "lastTs"`,
      [roomId],
    );
    return rows[0]!;
  }

  async deleteRoom(roomId: string): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      for (const t of ROOM_TABLES) await c.query(`DELETE FROM ${t} WHERE room_id = $1`, [roomId]);
      await c.query('DELETE FROM rooms WHERE id = $1', [roomId]);
    });
  }

  async pruneThrough(roomId: string, endTs: number): Promise<number> {
    const end = Math.trunc(endTs);
    return inTransaction(this.pool, async (c) => {
      const events = await c.query('DELETE FROM events WHERE room_id = $1 AND ts <= $2', [roomId, end]);
      await c.query('DELETE FROM ticks WHERE room_id = $1 AND ts <= $2', [roomId, end]);
      await c.query('DELETE FROM states WHERE room_id = $1 AND sec <= $2', [roomId, Math.floor(end / 1000)]);
      await c.query('DELETE FROM journal WHERE room_id = $1 AND ts <= $2', [roomId, end]);
      return events.rowCount ?? 0;
    });
  }
}
