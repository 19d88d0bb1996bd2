// The SQLite file (the embedded default backend) holds rooms, tokens, every accepted event and the room state
// per second. WAL + synchronous=FULL: a committed transaction survives a SIGKILL (and a power cut); group
// commit in timeline-writer.ts keeps the fsync cost per request small. Migrations are versioned by
// user_version: append a new entry, never edit a shipped one.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { tokenHash } from '../token-hash.ts';

export type Db = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE rooms (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     products TEXT NOT NULL DEFAULT '[]',
     source TEXT,
     demo INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE tokens (
     token TEXT PRIMARY KEY,
     room_id TEXT NOT NULL REFERENCES rooms(id),
     role TEXT NOT NULL
   );
   CREATE TABLE events (
     seq INTEGER PRIMARY KEY,
     room_id TEXT NOT NULL,
     ts INTEGER NOT NULL,
     type TEXT NOT NULL,
     eid TEXT,
     body TEXT NOT NULL
   );
   CREATE UNIQUE INDEX events_room_eid ON events(room_id, eid) WHERE eid IS NOT NULL;
   CREATE INDEX events_room_seq ON events(room_id, seq);
   CREATE TABLE states (
     room_id TEXT NOT NULL,
     sec INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (room_id, sec)
   ) WITHOUT ROWID;`,
  // v2: the journal holds what people and rules did (alert transitions, rule changes, cue lives) on the same
  // timeline as the events, for replay and review; rules are stored with the room.
  `CREATE TABLE journal (
     id INTEGER PRIMARY KEY,
     room_id TEXT NOT NULL,
     ts INTEGER NOT NULL,
     kind TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX journal_room_ts ON journal(room_id, ts);
   ALTER TABLE rooms ADD COLUMN alert_rules TEXT;`,
  // v3: every tick's state as the screens received it, keyed by event time: replay at t shows exactly what a
  // live screen showed at t. Per-second states cover seconds no tick saw (imports, accelerated runs).
  `CREATE TABLE ticks (
     room_id TEXT NOT NULL,
     ts INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (room_id, ts)
   ) WITHOUT ROWID;
   CREATE INDEX events_room_ts ON events(room_id, ts);`,
  // v4: a room can be archived (kept, hidden from the everyday list) from the admin screen.
  `ALTER TABLE rooms ADD COLUMN archived_at INTEGER;`,
  // v5: each room's latest engine checkpoint (server/rooms/room-checkpoint.ts): a restart rebuilds a room from
  // it plus the events after `seq` instead of replaying the whole timeline.
  `CREATE TABLE checkpoints (
     room_id TEXT PRIMARY KEY,
     seq INTEGER NOT NULL,
     version INTEGER NOT NULL,
     body BLOB NOT NULL
   );`,
  // v6: seat tokens are looked up by their SHA-256 (storage/token-hash.ts), not by the secret itself.
  `ALTER TABLE tokens ADD COLUMN token_hash TEXT;
   UPDATE tokens SET token_hash = sha256_hex(token);
   CREATE UNIQUE INDEX tokens_hash ON tokens(token_hash);`,
  // v7: ticks hold each update as the screens got it: a keyframe (base NULL, the whole state) now and then and
  // patches between (base: the seq they apply to), keyed by (ts, seq) so two updates in one ms both stay.
  // The old rows (whole states) become keyframes.
  // A rowid table, not WITHOUT ROWID: its rows (patches of ~1 KB, keyframes of ~12 KB) are far past the size
  // where SQLite advises against WITHOUT ROWID, and the packing showed it (ticks took 1.5x their bytes).
  `CREATE TABLE ticks_v7 (
     room_id TEXT NOT NULL,
     ts INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     base INTEGER,
     body TEXT NOT NULL,
     UNIQUE (room_id, ts, seq)
   );
   INSERT INTO ticks_v7 (room_id, ts, seq, base, body) SELECT room_id, ts, seq, NULL, body FROM ticks;
   DROP TABLE ticks;
   ALTER TABLE ticks_v7 RENAME TO ticks;
   CREATE INDEX ticks_keyframes ON ticks(room_id, ts, seq) WHERE base IS NULL;`,
  // v8: per-second states as a chain too (rooms/state-frames.ts): a whole state (base NULL) at least once a
  // minute, patches from the second before between. The old rows are whole states.
  `ALTER TABLE states ADD COLUMN base INTEGER;
   CREATE INDEX states_keyframes ON states(room_id, sec) WHERE base IS NULL;`,
  // v9: the highest lease token seen per room (clustered): journal entries written under a lower one are
  // dropped (storage/ports.ts JournalStore).
  `CREATE TABLE IF NOT EXISTS room_fences (room_id TEXT PRIMARY KEY, token INTEGER NOT NULL) WITHOUT ROWID;`,
  // v10: events taken off a timeline at a rebuild (stamped beyond server time + 5 min: they would move the room's
  // clock there), kept as they were stored with why and when (storage/ports.ts QuarantineStore).
  `CREATE TABLE IF NOT EXISTS quarantined_events (
     seq INTEGER PRIMARY KEY,
     room_id TEXT NOT NULL,
     ts INTEGER NOT NULL,
     type TEXT NOT NULL,
     eid TEXT,
     body TEXT NOT NULL,
     reason TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX IF NOT EXISTS quarantined_room ON quarantined_events(room_id, seq);`,
];

export function openDatabase(dataDir: string, fileName = 'console.db'): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.function('sha256_hex', { deterministic: true }, (t) => tokenHash(String(t)));
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
