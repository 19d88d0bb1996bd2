// Child process: GET /api/health every POLL_MS (a new request as soon as the last one answered, at most one in
// flight), recording each answer's latency. The worst latency is the longest the server's event loop was
// held while the parent ran something against it. Apart from the parent so that building or sending bodies
// there cannot show up as the server's stall.
import { serveCommands } from './child.ts';

const POLL_MS = 10;
let running = false;
let lat: number[] = [];
let loop: Promise<void> = Promise.resolve();

async function poll(url: string): Promise<void> {
  while (running) {
    const t = performance.now();
    try {
      await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
      lat.push(performance.now() - t);
    } catch {
      lat.push(Number.POSITIVE_INFINITY); // the server is gone
      return;
    }
    const wait = POLL_MS - (performance.now() - t);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

serveCommands(async (cmd) => {
  if (cmd.cmd === 'start') {
    running = true;
    lat = [];
    loop = poll(cmd.url as string);
    return { ok: true };
  }
  if (cmd.cmd === 'stop') {
    running = false;
    await loop;
    const sorted = [...lat].sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
    return { n: sorted.length, p50: p(0.5), p99: p(0.99), max: sorted.at(-1) ?? Number.NaN };
  }
  if (cmd.cmd === 'exit') process.exit(0);
  return { error: `unknown command ${cmd.cmd}` };
});
