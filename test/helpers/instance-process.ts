// One server instance as a real child process (`node --import tsx server/main.ts`), for the cluster suites
// that kill -9, pause (SIGSTOP) and resume (SIGCONT) instances. It listens on a port of its own choosing
// (PORT=0); the parent reads the port from the start banner. Its stderr and warnings are kept for the failure
// message of a test.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ADMIN, tempDir } from './server.ts';

export interface InstanceEnv {
  databaseUrl: string;
  redisUrl: string;
  instanceId: string;
  prefix: string;
  leaseTtlMs: number;
  tickHz?: number;
}

export class InstanceProcess {
  private out = '';
  private constructor(
    readonly id: string,
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static start(env: InstanceEnv): Promise<InstanceProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: tempDir('instance-'),
        ADMIN_TOKEN: ADMIN,
        DATABASE_URL: env.databaseUrl,
        REDIS_URL: env.redisUrl,
        INSTANCE_ID: env.instanceId,
        CLUSTER_PREFIX: env.prefix,
        LEASE_TTL_MS: String(env.leaseTtlMs),
        TICK_HZ: String(env.tickHz ?? 10),
        LOG_LEVEL: 'warn',
        SHUTDOWN_GRACE_MS: '5000',
        NODE_ENV: 'production',
      },
    });
    let log = '';
    const keep = (d: Buffer) => {
      log = (log + d.toString()).slice(-20_000);
    };
    child.stderr!.on('data', keep);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`instance ${env.instanceId} did not start:\n${log}`)), 60_000);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`instance ${env.instanceId} exited (${code ?? signal}) before listening:\n${log}`));
      });
      let banner = '';
      const onData = (d: Buffer) => {
        banner += d.toString();
        keep(d);
        const m = /listening on (http:\/\/\S+)/.exec(banner);
        if (!m) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout!.off('data', onData);
        child.stderr!.off('data', keep);
        const inst = new InstanceProcess(env.instanceId, child, m[1]!.replace('localhost', '127.0.0.1'));
        inst.out = log;
        const append = (d2: Buffer | string) => {
          inst.out = (inst.out + d2.toString()).slice(-20_000);
        };
        child.stdout!.on('data', append);
        child.stderr!.on('data', append);
        child.once('exit', (code, sig) => append(`\n[exited: ${code ?? sig}]\n`));
        resolve(inst);
      };
      child.stdout!.on('data', onData);
    });
  }

  /** What the instance wrote (the tail), for a failing test's message. */
  get log(): string {
    return this.out;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Set when the test killed it (an instance gone without it is a crash). */
  killed = false;

  /** kill -9: no hand-over, no flush; resolves when the process is gone. */
  kill(): Promise<void> {
    this.killed = true;
    return this.signal('SIGKILL');
  }

  /** SIGTERM: drains (hands its rooms over) and exits. */
  terminate(): Promise<void> {
    this.killed = true;
    return this.signal('SIGTERM');
  }

  pause(): void {
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child.kill('SIGCONT');
  }

  private signal(sig: NodeJS.Signals): Promise<void> {
    if (!this.alive) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill(sig);
    });
  }
}
