// The private PostgreSQL the cluster suites start: it comes up on its own port, keeps committed rows through
// an immediate stop and a restart, and leaves the machine's shared server alone.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_SERVER, PrivatePostgres } from '../../helpers/private-postgres.ts';
import { needs } from '../../helpers/requirements.ts';

describe('private PostgreSQL for the cluster suites', needs(POSTGRES_SERVER), () => {
  let server: PrivatePostgres | null = null;
  afterAll(async () => {
    await server?.dispose();
  });

  it('starts, keeps a committed row through a crash-stop and restart', async () => {
    server = await PrivatePostgres.start();
    expect(server.port).not.toBe(5432);
    const c1 = new pg.Client({ connectionString: server.url });
    await c1.connect();
    await c1.query('CREATE TABLE t (v int)');
    await c1.query('INSERT INTO t VALUES (42)');
    await c1.end();
    await server.stop();
    await server.restart();
    const c2 = new pg.Client({ connectionString: server.url });
    await c2.connect();
    expect((await c2.query('SELECT v FROM t')).rows).toEqual([{ v: 42 }]);
    await c2.end();
  }, 60_000);
});
