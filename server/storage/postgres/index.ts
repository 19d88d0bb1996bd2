// The PostgreSQL backend (DATABASE_URL=postgres://…): every port over one connection pool, in `schema` when
// given (tests and side-by-side deployments), else the connection's default (public).
import type { Storage } from '../ports.ts';
import { PgCheckpoints } from './checkpoints.ts';
import { openPool } from './db.ts';
import { PgJournal } from './journal.ts';
import { PgQuarantine } from './quarantine.ts';
import { PgReplayQueries } from './replay-queries.ts';
import { PgRoomAdmin } from './room-admin.ts';
import { PgRooms } from './rooms.ts';
import { PgTimelineReader } from './timeline-reader.ts';
import { PgTimelineWriter } from './timeline-writer.ts';

export async function openPostgresStorage(url: string, opts: { schema?: string | null } = {}): Promise<Storage> {
  const pool = await openPool(url, opts.schema ?? null);
  const writer = new PgTimelineWriter(pool);
  return {
    backend: 'postgres',
    rooms: new PgRooms(pool),
    writer,
    reader: new PgTimelineReader(pool),
    journal: new PgJournal(pool, writer),
    replay: new PgReplayQueries(pool),
    admin: new PgRoomAdmin(pool),
    checkpoints: new PgCheckpoints(pool),
    quarantine: new PgQuarantine(pool),
    close: async () => {
      await writer.flush();
      await pool.end();
    },
  };
}
