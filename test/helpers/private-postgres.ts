// A private PostgreSQL (initdb + pg_ctl from /usr/lib/postgresql/*/bin) on a free loopback port in a temp
// dir, for tests that kill, restart or pause it: the machine's shared PostgreSQL is never touched. PostgreSQL
// refuses to run as root, so as root it runs as the `postgres` system user (runuser). No binaries: the
// requirement says so and the suite skips by name.
import { type ChildProcess, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, spawnReady } from './private-redis.ts';
import { requirement } from './requirements.ts';

function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (fs.existsSync(path.join(root, v, 'bin', 'initdb'))) return path.join(root, v, 'bin');
  return null;
}

const BIN = binDir();
const asRoot = process.getuid?.() === 0;

export const POSTGRES_SERVER = requirement(
  'postgres-bin',
  BIN === null
    ? 'no PostgreSQL binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)'
    : asRoot && !hasUser('postgres')
      ? 'running as root without a postgres user to run the server as'
      : null,
);

function hasUser(name: string): boolean {
  try {
    execFileSync('id', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The command line for a PostgreSQL binary, as the postgres user when we are root. */
function cmd(bin: string, args: string[]): [string, string[]] {
  const exe = path.join(BIN!, bin);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
}

export class PrivatePostgres {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-'));
    if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
    const [exe, args] = cmd('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    execFileSync(exe, args, { stdio: 'ignore' });
    const pg = new PrivatePostgres(await freePort(), dir);
    await pg.restart();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** (Re)starts the server; resolves once it accepts connections. */
  restart(): Promise<void> {
    const opts = ['-D', this.dir, '-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1'];
    const [exe, args] = cmd('postgres', [...opts, '-c', 'fsync=off']);
    return spawnReady(exe, args, 'stderr', 'ready to accept connections', 20_000).then((child) => {
      this.child = child;
    });
  }

  /** Immediate stop (SIGQUIT to the postmaster: no checkpoint, like a crash); resolves when it is gone. */
  stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      // As root the child is runuser; postgres itself is its child: signal the postmaster by its pid file.
      const pid = Number(fs.readFileSync(path.join(this.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGQUIT');
    });
  }

  /** Stops it and removes its data directory. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
