// Builds the real app on a temporary data dir; `listen` starts it on port 0 for real HTTP and socket clients.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, buildApp } from '../../server/app.ts';
import type { Clock, Timers } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import { createTokenizer } from '../../server/engine/tokenizer.ts';
import type { Storage } from '../../server/storage/ports.ts';
import { openPostgresStorage } from '../../server/storage/postgres/index.ts';
import { dropSchema, PG_TEST_URL } from './pg-test.ts';

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
    timers?: Timers;
    dataDir?: string;
    tickHz?: number;
    listen?: boolean;
    /** Listen on this port instead of any free one (a restart on the same address, as screens see it). */
    port?: number;
    /** SOURCE_ALLOW; tests run their platform servers on loopback, so loopback is allowed by default. */
    sourceAllow?: string;
    /** The built client to serve (e2e); none by default. */
    clientDir?: string | null;
    /** A storage backend (or how to open it); default: `backend`'s store for dataDir. */
    storage?: Storage | (() => Promise<Storage>);
    /** Which backend (default TEST_STORAGE, else sqlite). PostgreSQL gets a schema named after dataDir, so a
     * restart on the same dataDir reopens the same store; a generated dataDir's schema is dropped at close. */
    backend?: 'sqlite' | 'postgres';
    /** Clustered mode (REDIS_URL and friends). */
    cluster?: { redisUrl: string; instanceId: string; leaseTtlMs: number; prefix: string };
  } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const backend = opts.backend ?? (process.env.TEST_STORAGE === 'postgres' ? 'postgres' : 'sqlite');
  const schema = backend === 'postgres' ? schemaFor(dataDir) : null;
  const storage = opts.storage ?? (schema ? () => openPostgresStorage(PG_TEST_URL, { schema }) : undefined);
  const config = loadConfig(
    {},
    {
      DATA_DIR: dataDir,
      ADMIN_TOKEN: ADMIN,
      METRICS_TOKEN: METRICS,
      LOG_LEVEL: 'silent',
      TICK_HZ: opts.tickHz ?? 10,
      SOURCE_ALLOW: opts.sourceAllow ?? '127.0.0.0/8,::1,localhost',
      ...(opts.cluster
        ? {
            REDIS_URL: opts.cluster.redisUrl,
            INSTANCE_ID: opts.cluster.instanceId,
            LEASE_TTL_MS: opts.cluster.leaseTtlMs,
            CLUSTER_PREFIX: opts.cluster.prefix,
          }
        : {}),
    },
  );
  const built = await buildApp({
    config,
    createTokenizer: sharedTokenizer(),
    clientDir: opts.clientDir ?? null,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(storage ? { storage } : {}),
    ...(opts.timers ? { timers: opts.timers } : {}),
    ...(opts.autoTick === undefined ? {} : { autoTick: opts.autoTick }),
  });
  let url = '';
  if (opts.listen !== false) {
    await built.app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(built.app.server.address() as { port: number }).port}`;
  }
  const close = async () => {
    await built.app.close();
    if (schema && !opts.dataDir) await dropSchema(schema);
  };
  return { ...built, url, dataDir, close };
}

/** One PostgreSQL schema per data dir: the same dir (a restart) opens the same store. */
export function schemaFor(dataDir: string): string {
  return `t_${createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`;
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

/** Timers that fire only when the test moves the fake clock past them, in due order (no wall-clock waits). */
export class ManualTimers implements Timers {
  private next = 1;
  private readonly queue = new Map<number, { due: number; fn: () => void; everyMs: number | null }>();
  constructor(private readonly clock: FakeClock) {}

  setTimeout(fn: () => void, ms: number): number {
    this.queue.set(this.next, { due: this.clock.now() + ms, fn, everyMs: null });
    return this.next++;
  }

  setInterval(fn: () => void, ms: number): number {
    this.queue.set(this.next, { due: this.clock.now() + ms, fn, everyMs: ms });
    return this.next++;
  }

  clear(handle: unknown): void {
    this.queue.delete(handle as number);
  }

  /** Moves the clock by `ms`, running each timer that falls due at its own time. */
  advance(ms: number): void {
    const end = this.clock.now() + ms;
    for (;;) {
      const [id, t] = [...this.queue.entries()].sort((a, b) => a[1].due - b[1].due)[0] ?? [];
      if (id === undefined || !t || t.due > end) break;
      this.clock.t = Math.max(this.clock.t, t.due);
      if (t.everyMs === null) this.queue.delete(id);
      else t.due += t.everyMs;
      t.fn();
    }
    this.clock.t = end;
  }
}
