// The SQLite backend: every port over one database file (the default: `npm start` needs no other service).
import type { Storage } from '../ports.ts';
import { SqliteCheckpoints } from './checkpoints.ts';
import { openDatabase } from './db.ts';
import { SqliteJournal } from './journal.ts';
import { SqliteQuarantine } from './quarantine.ts';
import { SqliteReplayQueries } from './replay-queries.ts';
import { SqliteRoomAdmin } from './room-admin.ts';
import { SqliteRooms } from './rooms.ts';
import { SqliteTimelineReader } from './timeline-reader.ts';
import { SqliteTimelineWriter } from './timeline-writer.ts';

export function openSqliteStorage(dataDir: string, fileName = 'console.db'): Storage {
  const db = openDatabase(dataDir, fileName);
  const writer = new SqliteTimelineWriter(db);
  return {
    backend: 'sqlite',
    rooms: new SqliteRooms(db),
    writer,
    reader: new SqliteTimelineReader(db),
    journal: new SqliteJournal(db),
    replay: new SqliteReplayQueries(db),
    admin: new SqliteRoomAdmin(db),
    checkpoints: new SqliteCheckpoints(db),
    quarantine: new SqliteQuarantine(db),
    close: async () => {
      writer.commitNow();
      db.close();
    },
  };
}
