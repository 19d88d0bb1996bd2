// Builds the real app on a temporary data dir; `listen` starts it on port 0 for real HTTP and socket clients.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, buildApp } from '../../server/app.ts';
import type { Clock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import { createTokenizer } from '../../server/engine/tokenizer.ts';
import type { Storage } from '../../server/storage/ports.ts';

export const ADMIN = 'test-admin-token-0123456789';
export const METRICS = 'test-metrics-token-0123456789';

export interface TestServer extends App {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** One jieba per server, as server/main.ts does. */
function sharedTokenizer() {
  let tokenizer: ReturnType<typeof createTokenizer> | null = null;
  return () => {
    tokenizer ??= createTokenizer();
    return tokenizer;
  };
}

export function tempDir(prefix = 'live-console-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startServer(
  opts: {
    clock?: Clock;
    autoTick?: boolean;
    dataDir?: string;
    tickHz?: number;
    listen?: boolean;
    /** SOURCE_ALLOW; tests run their platform servers on loopback, so loopback is allowed by default. */
    sourceAllow?: string;
    /** The built client to serve (e2e); none by default. */
    clientDir?: string | null;
    /** A storage backend (or how to open it); default: SQLite in dataDir. */
    storage?: Storage | (() => Promise<Storage>);
  } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const config = loadConfig(
    {},
    {
      DATA_DIR: dataDir,
      ADMIN_TOKEN: ADMIN,
      METRICS_TOKEN: METRICS,
      LOG_LEVEL: 'silent',
      TICK_HZ: opts.tickHz ?? 10,
      SOURCE_ALLOW: opts.sourceAllow ?? '127.0.0.0/8,::1,localhost',
    },
  );
  const built = await buildApp({
    config,
    createTokenizer: sharedTokenizer(),
    clientDir: opts.clientDir ?? null,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.storage ? { storage: opts.storage } : {}),
    ...(opts.autoTick === undefined ? {} : { autoTick: opts.autoTick }),
  });
  let url = '';
  if (opts.listen !== false) {
    await built.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(built.app.server.address() as { port: number }).port}`;
  }
  return { ...built, url, dataDir, close: () => built.app.close() };
}

export async function createRoom(s: TestServer, name = '测试直播间') {
  const res = await s.app.inject({
    method: 'POST',
    url: '/api/rooms',
    headers: { authorization: `Bearer ${ADMIN}` },
    payload: { name },
  });
  if (res.statusCode !== 201) throw new Error(`create room: ${res.statusCode} ${res.body}`);
  return res.json() as {
    id: string;
    name: string;
    tokens: Record<'ingest' | 'controller' | 'assistant' | 'host' | 'viewer', string>;
  };
}

/** Imports the events into the room as the admin, as NDJSON at speed 0 (all at once, stamped as given). */
export function importAll(s: TestServer, roomId: string, events: unknown[]) {
  return s.app.inject({
    method: 'POST',
    url: `/api/rooms/${roomId}/import?format=ndjson&speed=0`,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-ndjson' },
    payload: events.map((e) => JSON.stringify(e)).join('\n'),
  });
}

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
