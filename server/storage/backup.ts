// Online backup and restore of the SQLite store. Backup is `VACUUM INTO` from a connection of its own: one read
// transaction, so the copy is a consistent snapshot even while the server writes (WAL lets the writer go on),
// compacted, and never restarted by concurrent writes as the page-copying backup API can be. Restore needs the
// server stopped; it checks the copy first and keeps the file it replaces.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const DB_FILE = 'console.db';
const SIDE_FILES = ['-wal', '-shm'];

export interface BackupInfo {
  file: string;
  bytes: number;
  rooms: number;
  events: number;
  schemaVersion: number;
}

/** Reads a store file's figures, after SQLite's own integrity check; throws with the reason when it fails. */
export function inspectStore(file: string): BackupInfo {
  if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    for (const t of ['rooms', 'tokens', 'events'])
      if (!tables.has(t)) throw new Error(`not a console store: no table ${t}`);
    const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      file,
      bytes: fs.statSync(file).size,
      rooms: count('rooms'),
      events: count('events'),
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

/** A consistent copy of the live store in `dataDir` at `dest` (which must not exist), taken while it runs. */
export function backupStore(dataDir: string, dest: string): BackupInfo {
  const source = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(source)) throw new Error(`no store at ${source}`);
  if (fs.existsSync(dest)) throw new Error(`${dest} exists: choose a new file`);
  fs.mkdirSync(path.dirname(path.resolve(dest)), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(path.resolve(dest));
  } finally {
    db.close();
  }
  return inspectStore(dest);
}

/** The server must be stopped: a -wal file beside the store means it is running (or was killed; then --force). */
export function restoreStore(
  dataDir: string,
  from: string,
  opts: { force?: boolean; now?: Date } = {},
): {
  restored: BackupInfo;
  keptAs: string | null;
} {
  const restored = inspectStore(from);
  const target = path.join(dataDir, DB_FILE);
  const wal = `${target}-wal`;
  if (!opts.force && fs.existsSync(wal) && fs.statSync(wal).size > 0)
    throw new Error(`${wal} exists: stop the server first (or pass --force after a crash)`);
  fs.mkdirSync(dataDir, { recursive: true });
  let keptAs: string | null = null;
  if (fs.existsSync(target)) {
    const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    keptAs = `${target}.before-restore-${stamp}`;
    fs.renameSync(target, keptAs);
    for (const side of SIDE_FILES) if (fs.existsSync(target + side)) fs.renameSync(target + side, keptAs + side);
  }
  fs.copyFileSync(from, `${target}.restoring`);
  fs.renameSync(`${target}.restoring`, target); // whole or not at all
  return { restored: { ...restored, file: target }, keptAs };
}
