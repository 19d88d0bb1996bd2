// Picks the backend from the configuration: SQLite in DATA_DIR by default.
import type { Config } from '../config.ts';
import type { Storage } from './ports.ts';
import { openSqliteStorage } from './sqlite/index.ts';

export async function openStorage(config: Config): Promise<Storage> {
  return openSqliteStorage(config.dataDir);
}
