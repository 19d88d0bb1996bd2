// The server as a real child process (`node --import tsx server/main.ts`, SQLite in a temporary data dir), so
// its RSS is its own: sampled from /proc every RSS_SAMPLE_MS, with the kernel's peak (VmHWM) beside it.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN, METRICS, tempDir } from '../test/helpers/server.ts';

const RSS_SAMPLE_MS = 50;

export interface ServerChild {
  url: string;
  proc: ChildProcess;
  /** RSS now, MB. */
  rssMb(): number;
  /** Highest RSS sampled since the last call (or since start), MB. */
  takePeakMb(): number;
  /** The kernel's peak RSS of the whole run, MB. */
  hwmMb(): number;
  /** CPU seconds the process has used (user + system): a cost that a loaded machine does not inflate. */
  cpuSec(): number;
  /**
   * The server's own event-loop delay, max since the last call (prom-client resets it at each scrape): the
   * stall as the process saw it, apart from the network and the poller's scheduling.
   */
  loopMaxMs(): Promise<number>;
  /** True if the process died (e.g. of heap exhaustion). */
  exited(): boolean;
  log(): string;
  stop(): Promise<void>;
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
function cpuSec(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export function startServerChild(env: Record<string, string> = {}): Promise<ServerChild> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: tempDir('bench-server-'),
      ADMIN_TOKEN: ADMIN,
      METRICS_TOKEN: METRICS,
      LOG_LEVEL: 'warn',
      TICK_HZ: '2',
      NODE_ENV: 'production',
      ...env,
    },
  });
  let out = '';
  let dead = false;
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  proc.once('exit', (code, sig) => {
    dead = true;
    keep(Buffer.from(`\n[exited: ${code ?? sig}]\n`));
  });
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, statusMb(proc.pid!, 'VmRSS'));
  }, RSS_SAMPLE_MS);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout!.off('data', onData);
      const url = m[1]!.replace('localhost', '127.0.0.1');
      resolve({
        url,
        proc,
        rssMb: () => statusMb(proc.pid!, 'VmRSS'),
        takePeakMb: () => {
          const p = Math.max(peak, statusMb(proc.pid!, 'VmRSS'));
          peak = 0;
          return p;
        },
        hwmMb: () => statusMb(proc.pid!, 'VmHWM'),
        cpuSec: () => cpuSec(proc.pid!),
        async loopMaxMs() {
          const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } });
          const m = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(await res.text());
          return m ? Number(m[1]) * 1000 : Number.NaN;
        },
        exited: () => dead,
        log: () => out,
        async stop() {
          clearInterval(sampler);
          if (dead) return;
          const gone = new Promise((r) => proc.once('exit', r));
          proc.kill('SIGTERM');
          await gone;
        },
      });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
  });
}

/** A room on the child server, with its seat tokens. */
export async function createRoomOn(url: string, name: string): Promise<{ id: string; tokens: Record<string, string> }> {
  const res = await fetch(`${url}/api/rooms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (!res.ok) throw new Error(`create room: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; tokens: Record<string, string> };
}
