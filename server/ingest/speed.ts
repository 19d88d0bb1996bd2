// An import's speed, from the query string: 0 (at once) or a replay factor from MIN_IMPORT_SPEED to
// MAX_IMPORT_SPEED, in plain decimal notation. `0x10`, `1e-9` and `5e-324` are refused: Number() reads them
// as 16 and as speeds so small that a replay would never end, holding its events all the while.
import { MAX_IMPORT_SPEED, MIN_IMPORT_SPEED } from '../../shared/constants.ts';
import { HttpError } from '../http/errors.ts';

const PLAIN_DECIMAL = /^[0-9]{1,6}(\.[0-9]{1,12})?$/;

export function speedOrNull(text: string): number | null {
  if (!PLAIN_DECIMAL.test(text)) return null;
  const n = Number(text);
  if (n === 0) return 0;
  return n >= MIN_IMPORT_SPEED && n <= MAX_IMPORT_SPEED ? n : null;
}

export function parseSpeed(text: string): number {
  const n = speedOrNull(text);
  if (n === null) {
    throw new HttpError(
      400,
      'invalid_request',
      `speed must be 0 (at once) or a plain decimal from ${MIN_IMPORT_SPEED} to ${MAX_IMPORT_SPEED}, got ${JSON.stringify(text.slice(0, 24))}`,
    );
  }
  return n;
}
