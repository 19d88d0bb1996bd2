// Rooms, their catalogues and the per-seat tokens in PostgreSQL.
import type { Product } from '../../../shared/events.ts';
import { newRoomId, newRoomTokens } from '../ids.ts';
import { ROLES, type Role, type RoomRecord, type RoomStore, type RoomTokens } from '../ports.ts';
import { type RoomRow, roomRecord } from '../room-row.ts';
import { tokenHash } from '../token-hash.ts';
import { inTransaction, type Pool } from './db.ts';

const COLUMNS = 'id, name, created_at, products, source, demo, archived_at';

export class PgRooms implements RoomStore {
  constructor(private readonly pool: Pool) {}

  async create(name: string, createdAt: number, demo = false): Promise<{ room: RoomRecord; tokens: RoomTokens }> {
    const id = newRoomId();
    const tokens = newRoomTokens();
    await inTransaction(this.pool, async (c) => {
      await c.query('INSERT INTO rooms (id, name, created_at, demo) VALUES ($1, $2, $3, $4)', [
        id,
        name,
        createdAt,
        demo,
      ]);
      await c.query(
        `INSERT INTO tokens (token, token_hash, room_id, role)
         SELECT t, h, $1, r FROM unnest($2::text[], $3::text[], $4::text[]) AS x(t, h, r)`,
        [id, ROLES.map((r) => tokens[r]), ROLES.map((r) => tokenHash(tokens[r])), [...ROLES]],
      );
    });
    return { room: { id, name, createdAt, products: [], source: null, demo, archivedAt: null }, tokens };
  }

  private async one(where: string, params: unknown[]): Promise<RoomRecord | null> {
    const { rows } = await this.pool.query<RoomRow>(`SELECT ${COLUMNS} FROM rooms ${where}`, params);
    return rows[0] ? roomRecord(rows[0]) : null;
  }

  get(id: string): Promise<RoomRecord | null> {
    return this.one('WHERE id = $1', [id]);
  }

  async list(): Promise<RoomRecord[]> {
    const { rows } = await this.pool.query<RoomRow>(`SELECT ${COLUMNS} FROM rooms ORDER BY created_at, id`);
    return rows.map(roomRecord);
  }

  findDemo(): Promise<RoomRecord | null> {
    return this.one('WHERE demo ORDER BY created_at LIMIT 1', []);
  }

  async tokens(roomId: string): Promise<RoomTokens> {
    const { rows } = await this.pool.query<{ token: string; role: Role }>(
      'SELECT token, role FROM tokens WHERE room_id = $1',
      [roomId],
    );
    return Object.fromEntries(rows.map((r) => [r.role, r.token])) as RoomTokens;
  }

  async resolveToken(token: string): Promise<{ roomId: string; role: Role } | null> {
    const { rows } = await this.pool.query<{ room_id: string; role: Role }>(
      'SELECT room_id, role FROM tokens WHERE token_hash = $1',
      [tokenHash(token)],
    );
    return rows[0] ? { roomId: rows[0].room_id, role: rows[0].role } : null;
  }

  async setProducts(id: string, products: Product[]): Promise<void> {
    await this.pool.query('UPDATE rooms SET products = $1 WHERE id = $2', [JSON.stringify(products), id]);
  }

  async alertRules(id: string): Promise<unknown[] | null> {
    const { rows } = await this.pool.query<{ alert_rules: string | null }>(
      'SELECT alert_rules FROM rooms WHERE id = $1',
      [id],
    );
    return rows[0]?.alert_rules ? (JSON.parse(rows[0].alert_rules) as unknown[]) : null;
  }

  async setAlertRules(id: string, rules: unknown[]): Promise<void> {
    await this.pool.query('UPDATE rooms SET alert_rules = $1 WHERE id = $2', [JSON.stringify(rules), id]);
  }

  async setSource(id: string, source: unknown): Promise<void> {
    await this.pool.query('UPDATE rooms SET source = $1 WHERE id = $2', [
      source === null ? null : JSON.stringify(source),
      id,
    ]);
  }
}
