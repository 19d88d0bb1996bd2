// The storage backends a parametrised suite runs against. Each `fresh()` gives a new, empty store of its own
// (a temp dir for SQLite, a schema of its own for PostgreSQL, dropped afterwards), so parallel test files never
// collide; `reopen()` opens the same data again, as after a restart. PostgreSQL is probed once per file: when
// it is not reachable its suites skip, named with the reason (TEST_REQUIRE=postgres makes that a failure).
import type { Storage } from '../../server/storage/ports.ts';
import { openPostgresStorage } from '../../server/storage/postgres/index.ts';
import { openSqliteStorage } from '../../server/storage/sqlite/index.ts';
import { dropSchema, newSchemaName, PG_TEST_URL, probePostgres } from './pg-test.ts';
import { type Requirement, requirement } from './requirements.ts';
import { tempDir } from './server.ts';

export const POSTGRES: Requirement = requirement('postgres', await probePostgres(PG_TEST_URL));

export interface Fresh {
  storage: Storage;
  reopen: () => Promise<Storage>;
  drop: () => Promise<void>;
}

export interface BackendCase {
  name: 'sqlite' | 'postgres';
  requirement: Requirement | null;
  /** A new, empty store; `reopen` opens the same one again; `drop` removes it (after close). */
  fresh(): Promise<Fresh>;
}

export const sqliteBackend: BackendCase = {
  name: 'sqlite',
  requirement: null,
  async fresh() {
    const dir = tempDir('storage-');
    return { storage: openSqliteStorage(dir), reopen: async () => openSqliteStorage(dir), drop: async () => {} };
  },
};

export const postgresBackend: BackendCase = {
  name: 'postgres',
  requirement: POSTGRES,
  async fresh() {
    const schema = newSchemaName();
    const open = () => openPostgresStorage(PG_TEST_URL, { schema });
    return { storage: await open(), reopen: open, drop: () => dropSchema(schema) };
  },
};

export const BACKENDS: BackendCase[] = [sqliteBackend, postgresBackend];
