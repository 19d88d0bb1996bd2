// A restart of the demo is one honest session boundary: the stored session ends after its last event and the
// new stream starts after it. Nothing of the new run is written into the old session's minutes (a warm-up
// backfilled over the previous run used to mix two streams: online stepping 420 → 790, stock 447 → 2,044).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDemoRoom } from '../../server/demo.ts';
import { listSessions } from '../../server/replay/sessions.ts';
import { startServer, type TestServer, tempDir } from '../helpers/server.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('demo restart', () => {
  it('ends the stored session and starts a new one after it', async () => {
    const dataDir = tempDir();
    server = await startServer({ dataDir, listen: false, autoTick: false });
    const first = await startDemoRoom(server, 200);
    const { reader } = server.services;
    await vi.waitFor(async () => expect(await reader.lastSeq(first.roomId)).toBeGreaterThan(500), { timeout: 20_000 });
    await server.close();

    server = await startServer({ dataDir, listen: false, autoTick: false });
    const second = await startDemoRoom(server, 200);
    expect(second.roomId).toBe(first.roomId);
    const before = await server.services.reader.lastSeq(first.roomId);
    await vi.waitFor(
      async () => expect(await server!.services.reader.lastSeq(first.roomId)).toBeGreaterThan(before + 50),
      { timeout: 20_000 },
    );
    const sessions = await listSessions(server.services.storage.replay, server.services.reader, first.roomId);
    expect(sessions.length).toBe(2);
    const [old, fresh] = sessions as [(typeof sessions)[0], (typeof sessions)[0]];
    expect(fresh.start).toBeGreaterThanOrEqual(old.end);
  }, 60_000);
});
