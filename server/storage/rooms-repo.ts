// Rooms, their catalogues and the per-seat tokens. Tokens are random 144-bit strings kept in plain text so
// the console can print each screen's URL again after a restart.
import { randomBytes } from 'node:crypto';
import type { Product } from '../../shared/events.ts';
import type { Db } from './db.ts';

export const ROLES = ['ingest', 'controller', 'assistant', 'host', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export type RoomTokens = Record<Role, string>;

export interface RoomRecord {
  id: string;
  name: string;
  createdAt: number;
  products: Product[];
  source: unknown;
  demo: boolean;
  /** When it was archived (wall time, ms), or null. */
  archivedAt: number | null;
}

interface RoomRow {
  id: string;
  name: string;
  created_at: number;
  products: string;
  source: string | null;
  demo: number;
  archived_at: number | null;
}

export const newToken = () => randomBytes(18).toString('base64url');

function toRecord(r: RoomRow): RoomRecord {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    products: JSON.parse(r.products) as Product[],
    source: r.source === null ? null : (JSON.parse(r.source) as unknown),
    demo: r.demo === 1,
    archivedAt: r.archived_at ?? null,
  };
}

export class RoomsRepo {
  constructor(private readonly db: Db) {}

  create(name: string, createdAt: number, demo = false): { room: RoomRecord; tokens: RoomTokens } {
    const id = `r_${randomBytes(6).toString('hex')}`;
    const tokens = Object.fromEntries(ROLES.map((r) => [r, newToken()])) as RoomTokens;
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO rooms (id, name, created_at, demo) VALUES (?, ?, ?, ?)')
        .run(id, name, createdAt, demo ? 1 : 0);
      const put = this.db.prepare('INSERT INTO tokens (token, room_id, role) VALUES (?, ?, ?)');
      for (const role of ROLES) put.run(tokens[role], id, role);
    })();
    return { room: { id, name, createdAt, products: [], source: null, demo, archivedAt: null }, tokens };
  }

  get(id: string): RoomRecord | null {
    const row = this.db.prepare('SELECT * FROM rooms WHERE id = ?').get(id) as RoomRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(): RoomRecord[] {
    return (this.db.prepare('SELECT * FROM rooms ORDER BY created_at, id').all() as RoomRow[]).map(toRecord);
  }

  findDemo(): RoomRecord | null {
    const row = this.db.prepare('SELECT * FROM rooms WHERE demo = 1 ORDER BY created_at LIMIT 1').get() as
      | RoomRow
      | undefined;
    return row ? toRecord(row) : null;
  }

  tokens(roomId: string): RoomTokens {
    const rows = this.db.prepare('SELECT token, role FROM tokens WHERE room_id = ?').all(roomId) as {
      token: string;
      role: Role;
    }[];
    return Object.fromEntries(rows.map((r) => [r.role, r.token])) as RoomTokens;
  }

  /** The room and seat a token opens, or null. */
  resolveToken(token: string): { roomId: string; role: Role } | null {
    const row = this.db.prepare('SELECT room_id, role FROM tokens WHERE token = ?').get(token) as
      | { room_id: string; role: Role }
      | undefined;
    return row ? { roomId: row.room_id, role: row.role } : null;
  }

  setProducts(id: string, products: Product[]): void {
    this.db.prepare('UPDATE rooms SET products = ? WHERE id = ?').run(JSON.stringify(products), id);
  }

  /** The room's alert rules, or null when it uses the defaults. */
  alertRules(id: string): unknown[] | null {
    const row = this.db.prepare('SELECT alert_rules FROM rooms WHERE id = ?').get(id) as
      | { alert_rules: string | null }
      | undefined;
    return row?.alert_rules ? (JSON.parse(row.alert_rules) as unknown[]) : null;
  }

  setAlertRules(id: string, rules: unknown[]): void {
    this.db.prepare('UPDATE rooms SET alert_rules = ? WHERE id = ?').run(JSON.stringify(rules), id);
  }

  setSource(id: string, source: unknown): void {
    this.db
      .prepare('UPDATE rooms SET source = ? WHERE id = ?')
      .run(source === null ? null : JSON.stringify(source), id);
  }
}
