// The storage backends a parametrised suite runs against. Each `open()` gives a fresh, empty store of its own
// (a temp dir for SQLite); `reopen()` opens the same data again, as after a restart.
import type { Storage } from '../../server/storage/ports.ts';
import { openSqliteStorage } from '../../server/storage/sqlite/index.ts';
import { tempDir } from './server.ts';

export interface BackendCase {
  name: string;
  /** Why the backend cannot run here (its suite is skipped, named with this reason), or null. */
  skipReason: string | null;
  /** A new, empty store; `reopen` opens the same one again. */
  fresh(): Promise<{ storage: Storage; reopen: () => Promise<Storage>; drop: () => Promise<void> }>;
}

export const sqliteBackend: BackendCase = {
  name: 'sqlite',
  skipReason: null,
  async fresh() {
    const dir = tempDir('storage-');
    return { storage: openSqliteStorage(dir), reopen: async () => openSqliteStorage(dir), drop: async () => {} };
  },
};

export async function storageBackends(): Promise<BackendCase[]> {
  return [sqliteBackend];
}
