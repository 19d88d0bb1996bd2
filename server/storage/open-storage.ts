// Picks the backend from the configuration: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR.
import type { Config } from '../config.ts';
import type { Storage } from './ports.ts';
import { openPostgresStorage } from './postgres/index.ts';
import { openSqliteStorage } from './sqlite/index.ts';

export async function openStorage(config: Config): Promise<Storage> {
  if (config.databaseUrl) return openPostgresStorage(config.databaseUrl, { schema: config.databaseSchema });
  return openSqliteStorage(config.dataDir);
}
