// Which driver errors are storage failures (507 / 503) and which are bugs (500). A read-only remount of a busy
// tmpfs is refused by the kernel, so the 503 codes are judged here by the codes the drivers really raise.
import { describe, expect, it } from 'vitest';
import { storageFailure, storageHttpError } from '../../../server/storage/storage-errors.ts';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('storage failures', () => {
  it.each([
    ['SQLITE_FULL', 'full'],
    ['53100', 'full'],
    ['ENOSPC', 'full'],
    ['SQLITE_IOERR_WRITE', 'unavailable'],
    ['SQLITE_READONLY', 'unavailable'],
    ['SQLITE_BUSY', 'unavailable'],
    ['SQLITE_CANTOPEN', 'unavailable'],
    ['08006', 'unavailable'],
    ['57P01', 'unavailable'],
    ['ECONNREFUSED', 'unavailable'],
  ])('%s is %s', (code, kind) => {
    expect(storageFailure(withCode(code))).toBe(kind);
  });

  it.each(['SQLITE_CONSTRAINT_UNIQUE', '23505', 'ERR_X', 'SQLITE_ERROR'])(
    '%s is a bug, not a storage failure',
    (code) => {
      expect(storageFailure(withCode(code))).toBeNull();
      expect(storageFailure(new TypeError('x'))).toBeNull();
    },
  );

  it('answers 507 storage_full and 503 storage_unavailable with a message', () => {
    expect(storageHttpError('full')).toMatchObject({ statusCode: 507, code: 'storage_full' });
    expect(storageHttpError('unavailable')).toMatchObject({ statusCode: 503, code: 'storage_unavailable' });
  });
});
