// PostgreSQL for tests: where it is, whether it answers, and a schema of one's own per store (dropped after).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { requirement } from './requirements.ts';

/** Where the tests find PostgreSQL (CI and this machine: trust auth on loopback, database `test`). */
export const PG_TEST_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function probePostgres(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return `no PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')} (${(err as Error).message || String(err)})`;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export const newSchemaName = () => `t_${process.pid}_${randomBytes(4).toString('hex')}`;

/** Tests of the SQLite file itself (backup, a full disk): skipped when TEST_STORAGE=postgres runs the suite. */
export const SQLITE_FILE = requirement(
  'sqlite-file',
  process.env.TEST_STORAGE === 'postgres'
    ? 'tests the SQLite file; this run stores in PostgreSQL (TEST_STORAGE)'
    : null,
);
