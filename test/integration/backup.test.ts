// Backup and restore round trip on a real store: a backup taken while the server runs and writes holds exactly
// what was committed before it; after a restore the server starts on it with the same rooms, tokens and
// events, and what came after the backup is gone. The CLI takes the same backup; a bad file is refused.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { backupStore, inspectStore, restoreStore } from '../../server/storage/backup.ts';
import { SQLITE_FILE } from '../helpers/pg-test.ts';
import { needs } from '../helpers/requirements.ts';
import { ADMIN, createRoom, importAll, startServer, type TestServer, tempDir } from '../helpers/server.ts';

const T0 = Date.UTC(2025, 0, 1, 12);
const comments = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ type: 'comment', ts: T0 + (from + i) * 1000, userId: `u${i}`, text: '好' }));
const usage = async (s: TestServer, roomId: string) =>
  (await s.app.inject({ url: `/api/rooms/${roomId}/usage`, headers: { authorization: `Bearer ${ADMIN}` } })).json();

let open: TestServer[] = [];
afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

describe('backup and restore', needs(SQLITE_FILE), () => {
  it('round-trips: restore brings back exactly the store as it was at the backup', async () => {
    const dataDir = tempDir();
    const s = await startServer({ dataDir, listen: false });
    open.push(s);
    const room = await createRoom(s, '备份测试');
    expect((await importAll(s, room.id, comments(0, 50))).statusCode).toBe(200);
    const dest = path.join(tempDir(), 'backup.db');
    const info = backupStore(dataDir, dest); // online: the server is running
    expect(info).toMatchObject({ rooms: 1, events: 50 });
    expect((await importAll(s, room.id, comments(50, 30))).statusCode).toBe(200);
    expect((await usage(s, room.id)).events).toBe(80);
    await s.close();
    open = [];

    const { keptAs } = restoreStore(dataDir, dest);
    expect(keptAs).toMatch(/console\.db\.before-restore-/);
    expect(inspectStore(keptAs!).events).toBe(80);
    const again = await startServer({ dataDir, listen: false });
    open.push(again);
    expect((await usage(again, room.id)).events).toBe(50);
    const byViewer = await again.app.inject({
      url: `/api/rooms/${room.id}/state`,
      headers: { authorization: `Bearer ${room.tokens.viewer}` },
    });
    expect(byViewer.statusCode).toBe(200);
    expect(byViewer.json().comments).toBe(50);
  });

  it('refuses to restore over a running store, or from a file that is not a store', async () => {
    const dataDir = tempDir();
    const s = await startServer({ dataDir, listen: false });
    open.push(s);
    await createRoom(s);
    const dest = path.join(tempDir(), 'b.db');
    backupStore(dataDir, dest);
    expect(() => backupStore(dataDir, dest)).toThrow(/exists/);
    expect(() => restoreStore(dataDir, dest)).toThrow(/stop the server first/);
    const junk = path.join(tempDir(), 'junk.db');
    fs.writeFileSync(junk, 'not a database at all, just text');
    expect(() => restoreStore(tempDir(), junk)).toThrow();
    expect(() => restoreStore(tempDir(), path.join(tempDir(), 'missing.db'))).toThrow(/no such file/);
  });

  it('backs up from the command line while the server runs', async () => {
    const dataDir = tempDir();
    const s = await startServer({ dataDir, listen: false });
    open.push(s);
    const room = await createRoom(s);
    await importAll(s, room.id, comments(0, 5));
    const out = path.join(tempDir(), 'cli.db');
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'server/cli/backup.ts', '--out', out], {
      env: { ...process.env, DATA_DIR: dataDir },
    });
    expect(stdout).toContain('1 rooms, 5 events');
    expect(inspectStore(out).events).toBe(5);
  });
});
