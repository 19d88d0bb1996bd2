// The kit beside the repo (../shared) holds real recordings for tests; they are never copied into the product.
// Tests reading them declare `needs(KIT_DATA)` (requirements.ts) so they skip, by name, when the kit is absent.
import path from 'node:path';
import { kitDataDir } from './requirements.ts';

export { KIT_DATA } from './requirements.ts';

export function kitDataPath(...parts: string[]): string {
  return path.join(kitDataDir(), ...parts);
}
