// The PostgreSQL backend's connection pool and versioned migrations. bigint columns come back as JS numbers
// (seqs and ms timestamps stay far below 2^53). Migrations are append-only, applied in order under an advisory
// lock so instances booting together never run one twice; schema_migrations records each version.
import pg from 'pg';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

const MIGRATIONS: string[] = [
  // v1: the same model as SQLite v1–v5: rooms and tokens, the event timeline (idempotent ids), per-second
  // states and per-tick states for replay, the journal, engine checkpoints.
  `CREATE TABLE rooms (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     products TEXT NOT NULL DEFAULT '[]',
     source TEXT,
     demo BOOLEAN NOT NULL DEFAULT false,
     alert_rules TEXT,
     archived_at BIGINT
   );
   CREATE TABLE tokens (
     token TEXT PRIMARY KEY,
     room_id TEXT NOT NULL REFERENCES rooms(id),
     role TEXT NOT NULL
   );
   CREATE INDEX tokens_room ON tokens(room_id);
   CREATE TABLE events (
     seq BIGSERIAL PRIMARY KEY,
     room_id TEXT NOT NULL,
     ts BIGINT NOT NULL,
     type TEXT NOT NULL,
     eid TEXT,
     body TEXT NOT NULL
   );
   CREATE UNIQUE INDEX events_room_eid ON events(room_id, eid) WHERE eid IS NOT NULL;
   CREATE INDEX events_room_seq ON events(room_id, seq);
   CREATE INDEX events_room_ts ON events(room_id, ts);
   CREATE TABLE states (
     room_id TEXT NOT NULL,
     sec BIGINT NOT NULL,
     seq BIGINT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (room_id, sec)
   );
   CREATE TABLE ticks (
     room_id TEXT NOT NULL,
     ts BIGINT NOT NULL,
     seq BIGINT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (room_id, ts)
   );
   CREATE TABLE journal (
     id BIGSERIAL PRIMARY KEY,
     room_id TEXT NOT NULL,
     ts BIGINT NOT NULL,
     kind TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX journal_room_id ON journal(room_id, id);
   CREATE TABLE checkpoints (
     room_id TEXT PRIMARY KEY,
     seq BIGINT NOT NULL,
     version INTEGER NOT NULL,
     body BYTEA NOT NULL
   );`,
  // v2: seat tokens are looked up by their SHA-256 (storage/token-hash.ts), not by the secret itself.
  `ALTER TABLE tokens ADD COLUMN token_hash TEXT;
   UPDATE tokens SET token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex');
   CREATE UNIQUE INDEX tokens_hash ON tokens(token_hash);`,
  // v3: ticks hold each update as the screens got it: a keyframe (base NULL, the whole state) now and then and
  // patches between (base: the seq they apply to), keyed by (ts, seq) so two updates in one ms both stay.
  `ALTER TABLE ticks ADD COLUMN base BIGINT;
   ALTER TABLE ticks DROP CONSTRAINT ticks_pkey;
   ALTER TABLE ticks ADD PRIMARY KEY (room_id, ts, seq);
   CREATE INDEX ticks_keyframes ON ticks(room_id, ts, seq) WHERE base IS NULL;`,
  // v4: per-second states as a chain too (rooms/state-frames.ts): a whole state (base NULL) at least once a
  // minute, patches from the second before between. The old rows are whole states.
  `ALTER TABLE states ADD COLUMN base BIGINT;
   CREATE INDEX states_keyframes ON states(room_id, sec) WHERE base IS NULL;`,
  // v5: the highest lease token seen per room (clustered): journal entries written under a lower one are
  // dropped (storage/ports.ts JournalStore).
  `CREATE TABLE room_fences (room_id TEXT PRIMARY KEY, token BIGINT NOT NULL);`,
  // v6: events taken off a timeline at a rebuild (as SQLite v10; storage/ports.ts QuarantineStore).
  `CREATE TABLE quarantined_events (
     seq BIGINT PRIMARY KEY,
     room_id TEXT NOT NULL,
     ts BIGINT NOT NULL,
     type TEXT NOT NULL,
     eid TEXT,
     body TEXT NOT NULL,
     reason TEXT NOT NULL,
     at BIGINT NOT NULL
   );
   CREATE INDEX quarantined_room ON quarantined_events(room_id, seq);`,
];

const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pool on `url`; with `schema`, every connection works in that schema (created if missing). */
export async function openPool(url: string, schema: string | null): Promise<Pool> {
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return pool;
}

async function migrate(pool: Pool): Promise<void> {
  await inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext(current_schema()))');
    await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT)');
    const { rows } = await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    for (let v = rows[0]?.v ?? 0; v < MIGRATIONS.length; v++) {
      await c.query(MIGRATIONS[v]!);
      await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [v + 1, Date.now()]);
    }
  });
}

/**
 * Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws.
 * A checked-out client's connection error (the server restarted mid-transaction) is emitted on the client,
 * which the pool does not listen to while it is out: unheard, it closed the process. It is heard here, and a
 * client whose connection broke is destroyed on release instead of going back to the pool.
 */
export async function inTransaction<T>(pool: Pool, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  let broken: Error | null = null;
  const onError = (err: Error) => {
    broken = err;
  };
  c.on('error', onError);
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch((e: Error) => {
      broken ??= e;
    });
    throw err;
  } finally {
    c.off('error', onError);
    c.release(broken ?? undefined);
  }
}
