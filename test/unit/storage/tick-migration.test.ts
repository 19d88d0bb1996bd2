// A database from before tick frames (user_version 6: one whole state per tick, keyed by ms) keeps its replay:
// the migration turns each old tick into a keyframe.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../server/storage/sqlite/db.ts';
import { openSqliteStorage } from '../../../server/storage/sqlite/index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

it('replays the whole-state ticks of an older database as keyframes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tick-migration-'));
  dirs.push(dir);
  const T = Date.UTC(2026, 0, 1, 12);
  const s = openSqliteStorage(dir);
  const { room } = await s.rooms.create('老房间', T);
  await s.close();

  const db = openDatabase(dir);
  db.exec('DROP INDEX states_keyframes; ALTER TABLE states DROP COLUMN base;'); // v8 applies again too
  db.exec(`DROP TABLE ticks;
    CREATE TABLE ticks (room_id TEXT NOT NULL, ts INTEGER NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
      PRIMARY KEY (room_id, ts)) WITHOUT ROWID;`);
  db.prepare('INSERT INTO ticks VALUES (?, ?, ?, ?)').run(room.id, T + 500, 4, '{"online":12}');
  db.pragma('user_version = 6');
  db.close();

  const again = openSqliteStorage(dir);
  expect(await again.reader.screenAt(room.id, T + 900)).toEqual({ ts: T + 500, body: '{"online":12}' });
  again.writer.putTick(room.id, { ts: T + 600, seq: 5, base: 4, body: '[["s","online",13]]' });
  await again.writer.flush();
  expect(JSON.parse((await again.reader.screenAt(room.id, T + 900))!.body)).toEqual({ online: 13, seq: 5 });
  await again.close();
});
