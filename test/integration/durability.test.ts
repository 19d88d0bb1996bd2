// An acknowledged event is never lost: the server process is SIGKILLed right after the acknowledgement and
// the SQLite file still holds every acknowledged event. A restart rebuilds the same totals.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/storage/sqlite/index.ts';
import { startServer, tempDir } from '../helpers/server.ts';

const ADMIN = 'durability-admin-token-123456';

function startProcess(dataDir: string): Promise<{ url: string; kill: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1]!,
        kill: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

describe('durability', () => {
  it('keeps every acknowledged event through a SIGKILL right after the ack', async () => {
    const dataDir = tempDir();
    const proc = await startProcess(dataDir);
    const created = await fetch(`${proc.url}/api/rooms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: '{}',
    }).then((r) => r.json() as Promise<{ id: string; tokens: { ingest: string } }>);
    const t = Date.now();
    let acked = 0;
    for (let batch = 0; batch < 5; batch++) {
      const events = Array.from({ length: 200 }, (_, i) => ({ type: 'like', ts: t, count: 1, id: `k${batch}-${i}` }));
      const res = await fetch(`${proc.url}/api/rooms/${created.id}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.tokens.ingest}`, 'content-type': 'application/json' },
        body: JSON.stringify(events),
      });
      acked += ((await res.json()) as { accepted: number }).accepted;
    }
    await proc.kill();
    const store = openSqliteStorage(dataDir);
    const n = await store.reader.countEvents(created.id);
    await store.close();
    expect(acked).toBe(1000);
    expect(n).toBe(acked);
  });

  it('rebuilds a room from the store after a restart with the same totals', async () => {
    const dataDir = tempDir();
    const first = await startServer({ dataDir, listen: false, autoTick: false });
    const created = await first.app.inject({
      method: 'POST',
      url: '/api/rooms',
      headers: { authorization: 'Bearer test-admin-token-0123456789' },
      payload: {},
    });
    const room = created.json() as { id: string; tokens: { ingest: string; viewer: string } };
    const t = Date.now();
    const events = [
      { type: 'viewer_enter', ts: t, userId: 'a' },
      { type: 'viewer_enter', ts: t + 10, userId: 'b' },
      { type: 'comment', ts: t + 20, userId: 'a', text: '已拍 已拍' },
      { type: 'order_created', ts: t + 30, orderId: 'o1', productId: 'p1', userId: 'a', amount: 99 },
      { type: 'order_paid', ts: t + 40, orderId: 'o1', amount: 99 },
    ];
    await first.app.inject({
      method: 'POST',
      url: `/api/rooms/${room.id}/events`,
      headers: { authorization: `Bearer ${room.tokens.ingest}` },
      payload: events,
    });
    const read = async (srv: typeof first) =>
      (
        await srv.app.inject({
          url: `/api/rooms/${room.id}/state`,
          headers: { authorization: `Bearer ${room.tokens.viewer}` },
        })
      ).json();
    const before = await read(first);
    await first.close();
    const second = await startServer({ dataDir, listen: false, autoTick: false });
    const after = await read(second);
    await second.close();
    for (const k of ['online', 'cumulativeViewers', 'comments', 'gmv', 'paid', 'orders', 'funnel']) {
      expect(after[k], k).toEqual(before[k]);
    }
    expect(after.gmv).toBe(99);
  });
});
