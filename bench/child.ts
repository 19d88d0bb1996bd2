// A benchmark child process spoken to in JSON lines: the parent sends commands on stdin, the child answers one
// JSON object per line on stdout. Screens and pushers run apart from the server so its CPU is its own.
import { type ChildProcess, spawn } from 'node:child_process';

export interface Child {
  proc: ChildProcess;
  /** Send a command and wait for the next answer line. */
  ask<T>(cmd: object): Promise<T>;
  /** The next answer line (e.g. the first `ready`). */
  next<T>(): Promise<T>;
  kill(): void;
}

export function startChild(script: string, args: string[]): Child {
  const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  const proc = spawn(process.execPath, [...prof, '--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let buf = '';
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const next = <T>() =>
    new Promise<T>((resolve) => {
      const line = lines.shift();
      if (line !== undefined) resolve(JSON.parse(line) as T);
      else waiting.push((l) => resolve(JSON.parse(l) as T));
    });
  return {
    proc,
    next,
    ask<T>(cmd: object) {
      proc.stdin!.write(`${JSON.stringify(cmd)}\n`);
      return next<T>();
    },
    kill: () => proc.kill(),
  };
}

/** In a child: calls `handle` for each command line and writes what it returns as one answer line. */
export function serveCommands(handle: (cmd: { cmd: string } & Record<string, unknown>) => Promise<unknown>): void {
  let buf = '';
  process.stdin.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      void handle(JSON.parse(line)).then((answer) => answer !== undefined && reply(answer));
    }
  });
}

export function reply(answer: unknown): void {
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}

/** Wall time with sub-millisecond resolution, comparable across processes on one machine. */
export const wallMs = () => performance.timeOrigin + performance.now();
