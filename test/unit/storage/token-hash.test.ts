// Seat tokens are looked up by their SHA-256, and a database made before that (user_version 5) keeps every
// seat link working: the migration fills the hash from the stored token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../server/storage/sqlite/db.ts';
import { openSqliteStorage } from '../../../server/storage/sqlite/index.ts';
import { tokenHash } from '../../../server/storage/token-hash.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

it('stores only the hash in the lookup index and migrates tokens of an older database', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-hash-'));
  dirs.push(dir);
  const s = openSqliteStorage(dir);
  const { room, tokens } = await s.rooms.create('老房间', Date.UTC(2026, 0, 1));
  await s.close();

  // Take the database back to how version 5 left it: no hash column.
  const db = openDatabase(dir);
  db.exec('DROP INDEX tokens_hash; ALTER TABLE tokens DROP COLUMN token_hash;');
  db.exec('DROP INDEX states_keyframes; ALTER TABLE states DROP COLUMN base;'); // v8 applies again too
  db.pragma('user_version = 5');
  db.close();

  const again = openSqliteStorage(dir);
  expect(await again.rooms.resolveToken(tokens.controller)).toEqual({ roomId: room.id, role: 'controller' });
  expect(await again.rooms.resolveToken(`${tokens.controller}x`)).toBeNull();
  await again.close();
  const raw = openDatabase(dir);
  const row = raw.prepare('SELECT token_hash FROM tokens WHERE role = ?').get('host') as { token_hash: string };
  expect(row.token_hash).toBe(tokenHash(tokens.host));
  raw.close();
});
