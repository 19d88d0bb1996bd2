// npm run backup -- [--out <file>]: an online, consistent copy of the store in DATA_DIR (default
// DATA_DIR/backups/console-<UTC time>.db), safe while the server runs. Prints the copy's figures.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupStore } from '../storage/backup.ts';

function main(): number {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? './data';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = values.out ?? path.join(dataDir, 'backups', `console-${stamp}.db`);
  try {
    const info = backupStore(dataDir, out);
    console.log(
      `backup ${info.file}: ${info.bytes} bytes, ${info.rooms} rooms, ${info.events} events, schema v${info.schemaVersion}`,
    );
    return 0;
  } catch (err) {
    console.error(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

process.exit(main());
