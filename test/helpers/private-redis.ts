// A private redis-server on a free loopback port in a temp dir, for tests that kill, restart or pause it:
// the machine's shared Redis is never touched. Absent binary: the requirement says so and the suite skips.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { requirement } from './requirements.ts';
import { tempDir } from './server.ts';

function hasBinary(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const REDIS_SERVER = requirement(
  'redis',
  hasBinary('redis-server') ? null : 'no redis-server binary on PATH (apt-get install redis-server)',
);

/** Spawns a server and resolves once `stream` has printed `ready`; rejects if it exits or stays silent. */
export function spawnReady(
  exe: string,
  args: string[],
  stream: 'stdout' | 'stderr',
  ready: string,
  timeoutMs: number,
): Promise<ChildProcess> {
  const child = spawn(exe, args, {
    stdio: ['ignore', stream === 'stdout' ? 'pipe' : 'ignore', stream === 'stderr' ? 'pipe' : 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${exe} did not start: ${out}`)), timeoutMs);
    child[stream]!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`${exe} exited ${code}: ${out}`)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort(), tempDir('redis-'));
    await r.restart();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** (Re)starts the server on the same port; resolves once it accepts connections. */
  restart(): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      this.dir,
    ];
    return spawnReady('redis-server', args, 'stdout', 'Ready to accept connections', 10_000).then((child) => {
      this.child = child;
    });
  }

  /** SIGKILL; resolves when the process is gone. */
  stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
