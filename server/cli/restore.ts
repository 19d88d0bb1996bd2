// npm run restore -- --from <backup file> [--force]: replaces the store in DATA_DIR with a checked backup.
// Stop the server first; the replaced store is kept beside it as console.db.before-restore-<time>.
import { parseArgs } from 'node:util';
import { restoreStore } from '../storage/backup.ts';

function main(): number {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, force: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  if (!values.from) {
    console.error('usage: npm run restore -- --from <backup file> [--force] [--data-dir ./data]');
    return 2;
  }
  const dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? './data';
  try {
    const { restored, keptAs } = restoreStore(dataDir, values.from, { force: values.force });
    console.log(`restored ${restored.rooms} rooms, ${restored.events} events into ${restored.file}`);
    if (keptAs) console.log(`the store it replaced is kept as ${keptAs}`);
    return 0;
  } catch (err) {
    console.error(`restore failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

process.exit(main());
