// Issue 16.7: a poll has a deadline for the whole request, body included. A platform that sends
// `{"data":{"online":` and then one space every few hundred ms never trips a socket idle timeout; the poll
// fails at its deadline with a clear error the source's health shows, and stopping the source (app close,
// SIGTERM) aborts the poll in flight instead of waiting for it.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, once, waitForState } from '../helpers/live-client.ts';
import { ADMIN, createRoom, FakeClock, startServer, tempDir } from '../helpers/server.ts';

let platform: http.Server;
let url = '';
const open = new Set<http.ServerResponse>();
/** Called with each request the trickling platform starts, and when its connection closes. */
let onRequest: (() => void) | null = null;
let onClosed: (() => void) | null = null;

beforeAll(async () => {
  platform = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"data":{"online":');
    const drip = setInterval(() => res.write(' '), 200);
    open.add(res);
    res.on('close', () => {
      clearInterval(drip);
      open.delete(res);
      onClosed?.();
    });
    onRequest?.();
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(platform.address() as AddressInfo).port}/stats`;
});
afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise((r) => platform.close(r));
});

const trickle = (timeoutMs: number) => ({
  kind: 'poll',
  url,
  intervalMs: 200,
  timeoutMs,
  mapping: { online: 'data.online' },
});
const next = (set: (f: () => void) => void) => new Promise<void>((r) => set(r));

describe('poll deadline', () => {
  it('fails a trickling poll at its deadline, and the source health says so', async () => {
    const s = await startServer({ tickHz: 10 });
    try {
      const room = await createRoom(s);
      const so = connectLive(s.url, room.id, room.tokens.viewer);
      await once(so, 'room:snapshot');
      const res = await s.app.inject({
        method: 'PUT',
        url: `/api/rooms/${room.id}/source`,
        headers: { authorization: `Bearer ${room.tokens.controller}` },
        payload: trickle(600),
      });
      expect(res.statusCode).toBe(200);
      const failing = await waitForState(so, (st) => st.source.status === 'error', 10_000);
      expect(failing.source.error).toBe('the source did not answer in full within 600 ms');
      so.disconnect();
    } finally {
      await s.close();
    }
  });

  it('a poll failing at its deadline raises 数据中断 once the rule has held (virtual clock)', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
    const s = await startServer({ clock, autoTick: false });
    try {
      const room = await createRoom(s);
      const closed = next((f) => (onClosed = f));
      await s.app.inject({
        method: 'PUT',
        url: `/api/rooms/${room.id}/source`,
        headers: { authorization: `Bearer ${room.tokens.controller}` },
        payload: trickle(300),
      });
      await closed; // the deadline cut the trickle
      const alerts = async () =>
        (
          await s.app.inject({ url: `/api/rooms/${room.id}/alerts`, headers: { authorization: `Bearer ${ADMIN}` } })
        ).json() as { active: { ruleId: string; state: string; name: string }[] };
      for (let i = 0; i <= 16; i++) {
        s.ticker.tickAll();
        clock.advance(1000);
      }
      s.ticker.tickAll();
      const down = (await alerts()).active.find((a) => a.ruleId === 'source-down');
      expect(down).toMatchObject({ state: 'firing', name: '数据中断' });
    } finally {
      await s.close();
    }
  });

  it('closing the app aborts a poll in flight (the deadline is far off)', async () => {
    const s = await startServer({ tickHz: 10 });
    const room = await createRoom(s);
    const started = next((f) => (onRequest = f));
    await s.app.inject({
      method: 'PUT',
      url: `/api/rooms/${room.id}/source`,
      headers: { authorization: `Bearer ${room.tokens.controller}` },
      payload: trickle(60_000),
    });
    await started;
    const closed = next((f) => (onClosed = f));
    await s.close(); // would wait the 60 s deadline (past the test's timeout) if stop waited on the poll
    await closed;
  });

  it('SIGTERM exits cleanly while a poll trickles, without the shutdown grace cutting it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: tempDir('poll-deadline-'),
        ADMIN_TOKEN: ADMIN,
        SOURCE_ALLOW: '127.0.0.0/8',
        SHUTDOWN_GRACE_MS: '60000',
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        DATABASE_URL: '',
        REDIS_URL: '',
      },
    });
    let log = '';
    child.stderr!.on('data', (d) => (log += d));
    const base = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
      child.stdout!.on('data', (d) => {
        log += d;
        const m = /listening on (http:\/\/\S+)/.exec(log);
        if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
      });
    });
    child.removeAllListeners('exit');
    const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const room = (await (
      await fetch(`${base}/api/rooms`, { method: 'POST', headers: auth, body: JSON.stringify({ name: '细流' }) })
    ).json()) as { id: string };
    const started = next((f) => (onRequest = f));
    const put = await fetch(`${base}/api/rooms/${room.id}/source`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify(trickle(60_000)),
    });
    expect(put.status).toBe(200);
    await started;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited, log).toBe(0);
    expect(log).not.toContain('killed by timeout');
  }, 30_000);
});
