// Issue 9, storage failures: the data directory on a real 2 MB tmpfs fills up; ingest answers 507
// storage_full (not 500), nothing acknowledged before is lost, the room's source health says so. Needs root
// to mount tmpfs; skips by name otherwise. (503 storage_unavailable: test/unit/storage-errors.test.ts.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../helpers/pg-test.ts';
import { needs, requirement } from '../helpers/requirements.ts';
import { createRoom, startServer, type TestServer, tempDir } from '../helpers/server.ts';

const mountPoint = tempDir('tmpfs-');
function tryMount(): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs (${String((err as Error).message).split('\n')[0]})`;
  }
}
const TMPFS = requirement('tmpfs', tryMount());

describe('storage failures on a real full disk', needs(TMPFS, SQLITE_FILE), () => {
  let s: TestServer;
  beforeAll(async () => {
    fs.mkdirSync(`${mountPoint}/data`);
    s = await startServer({ dataDir: `${mountPoint}/data`, autoTick: false });
  });
  afterAll(async () => {
    await s?.close().catch(() => {});
    execFileSync('umount', ['-l', mountPoint]);
  });

  const post = (roomId: string, token: string, from: number) => {
    const now = Date.now();
    const lines = Array.from({ length: 500 }, (_, i) =>
      JSON.stringify({ type: 'comment', ts: now, id: `c${from + i}`, userId: `u${i}`, text: '主播好'.repeat(30) }),
    );
    return s.app.inject({
      method: 'POST',
      url: `/api/rooms/${roomId}/events`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
  };

  it('answers 507 storage_full when the disk is full, keeps what it acknowledged, and shows it on the room', async () => {
    const room = await createRoom(s);
    let acked = 0;
    let last = await post(room.id, room.tokens.ingest, 0);
    for (let i = 1; last.statusCode === 200 && i < 200; i++) {
      acked += last.json().accepted as number;
      last = await post(room.id, room.tokens.ingest, i * 500);
    }
    expect(last.statusCode).toBe(507);
    expect(last.json()).toMatchObject({ code: 'storage_full', message: expect.stringMatching(/disk full/) });
    expect(acked).toBeGreaterThan(0);
    const health = await s.app.inject({
      url: `/api/rooms/${room.id}/source`,
      headers: { authorization: `Bearer ${room.tokens.viewer}` },
    });
    expect(health.json().source).toMatchObject({ status: 'error', error: expect.stringMatching(/storage full/) });
    expect(await s.services.reader.countEvents(room.id)).toBe(acked);
  });
});
