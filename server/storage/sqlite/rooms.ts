// Rooms, their catalogues and the per-seat tokens in SQLite.
import type { Product } from '../../../shared/events.ts';
import { newRoomId, newRoomTokens } from '../ids.ts';
import { ROLES, type Role, type RoomRecord, type RoomStore, type RoomTokens } from '../ports.ts';
import { type RoomRow, roomRecord } from '../room-row.ts';
import { tokenHash } from '../token-hash.ts';
import type { Db } from './db.ts';

export class SqliteRooms implements RoomStore {
  private readonly byId;
  private readonly byToken;

  constructor(private readonly db: Db) {
    this.byId = db.prepare('SELECT * FROM rooms WHERE id = ?');
    this.byToken = db.prepare('SELECT room_id, role FROM tokens WHERE token_hash = ?');
  }

  async create(name: string, createdAt: number, demo = false): Promise<{ room: RoomRecord; tokens: RoomTokens }> {
    const id = newRoomId();
    const tokens = newRoomTokens();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO rooms (id, name, created_at, demo) VALUES (?, ?, ?, ?)')
        .run(id, name, createdAt, demo ? 1 : 0);
      const put = this.db.prepare('INSERT INTO tokens (token, token_hash, room_id, role) VALUES (?, ?, ?, ?)');
      for (const role of ROLES) put.run(tokens[role], tokenHash(tokens[role]), id, role);
    })();
    return { room: { id, name, createdAt, products: [], source: null, demo, archivedAt: null }, tokens };
  }

  async get(id: string): Promise<RoomRecord | null> {
    const row = this.byId.get(id) as RoomRow | undefined;
    return row ? roomRecord(row) : null;
  }

  async list(): Promise<RoomRecord[]> {
    return (this.db.prepare('SELECT * FROM rooms ORDER BY created_at, id').all() as RoomRow[]).map(roomRecord);
  }

  async findDemo(): Promise<RoomRecord | null> {
    const row = this.db.prepare('SELECT * FROM rooms WHERE demo = 1 ORDER BY created_at LIMIT 1').get() as
      | RoomRow
      | undefined;
    return row ? roomRecord(row) : null;
  }

  async tokens(roomId: string): Promise<RoomTokens> {
    const rows = this.db.prepare('SELECT token, role FROM tokens WHERE room_id = ?').all(roomId) as {
      token: string;
      role: Role;
    }[];
    return Object.fromEntries(rows.map((r) => [r.role, r.token])) as RoomTokens;
  }

  async resolveToken(token: string): Promise<{ roomId: string; role: Role } | null> {
    const row = this.byToken.get(tokenHash(token)) as { room_id: string; role: Role } | undefined;
    return row ? { roomId: row.room_id, role: row.role } : null;
  }

  async setProducts(id: string, products: Product[]): Promise<void> {
    this.db.prepare('UPDATE rooms SET products = ? WHERE id = ?').run(JSON.stringify(products), id);
  }

  async alertRules(id: string): Promise<unknown[] | null> {
    const row = this.db.prepare('SELECT alert_rules FROM rooms WHERE id = ?').get(id) as
      | { alert_rules: string | null }
      | undefined;
    return row?.alert_rules ? (JSON.parse(row.alert_rules) as unknown[]) : null;
  }

  async setAlertRules(id: string, rules: unknown[]): Promise<void> {
    this.db.prepare('UPDATE rooms SET alert_rules = ? WHERE id = ?').run(JSON.stringify(rules), id);
  }

  async setSource(id: string, source: unknown): Promise<void> {
    this.db
      .prepare('UPDATE rooms SET source = ? WHERE id = ?')
      .run(source === null ? null : JSON.stringify(source), id);
  }
}
