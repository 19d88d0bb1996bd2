// Storage failures told apart from bugs: a full disk (507 storage_full) and storage that cannot be used right
// now (503 storage_unavailable: I/O errors, a read-only or locked file, a lost database connection). Judged
// by the driver's error code: SQLite's result codes, PostgreSQL's SQLSTATE classes.
export type StorageFailure = 'full' | 'unavailable';

const SQLITE_UNAVAILABLE = [
  'SQLITE_IOERR',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
  'SQLITE_NOLFS',
];
/** SQLSTATE 53100 disk_full, 53200 out_of_memory; classes 08 (connection), 53 (resources), 57P (shutdown). */
const PG_FULL = new Set(['53100']);
const PG_UNAVAILABLE = /^(08|53|57P0[1-3])/;

export function storageFailure(err: unknown): StorageFailure | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || PG_FULL.has(code)) return 'full';
  if (SQLITE_UNAVAILABLE.some((c) => code === c || code.startsWith(`${c}_`))) return 'unavailable';
  if (/^[0-9A-Z]{5}$/.test(code) && PG_UNAVAILABLE.test(code)) return 'unavailable';
  if (code === 'ECONNREFUSED' || code === 'ENOSPC' || code === 'EROFS')
    return code === 'ENOSPC' ? 'full' : 'unavailable';
  return null;
}

export function storageHttpError(kind: StorageFailure): { statusCode: number; code: string; message: string } {
  return kind === 'full'
    ? {
        statusCode: 507,
        code: 'storage_full',
        message: 'the server has no room left to store this (disk full); nothing of this request was stored',
      }
    : {
        statusCode: 503,
        code: 'storage_unavailable',
        message: 'storage cannot be used right now; nothing of this request was stored, try again',
      };
}

/** What a room's health says while its storage fails. */
export function storageFaultText(kind: StorageFailure): string {
  return kind === 'full'
    ? 'storage full: new events are not being stored'
    : 'storage unavailable: new events are not being stored';
}
