// The kit beside the repo (../shared) holds real recordings for tests; they are never copied into the product.
import path from 'node:path';

export function kitDataPath(...parts: string[]): string {
  return path.resolve(process.cwd(), '../shared/data', ...parts);
}
