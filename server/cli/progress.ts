// Progress of a long upload on stderr: a bar redrawn in place on a terminal (bytes, events/s, time left), or a
// plain line every PLAIN_EVERY_MS when stderr is a file or a pipe (CI logs, nohup).
const BAR_CHARS = 30;
const REDRAW_MS = 200;
const PLAIN_EVERY_MS = 5000;

const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

function duration(sec: number): string {
  if (!Number.isFinite(sec)) return '…';
  const s = Math.round(sec);
  return s >= 3600
    ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
    : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export class Progress {
  private bytes = 0;
  private events = 0;
  private readonly t0 = performance.now();
  private last = 0;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream,
  ) {}

  add(bytes: number, events: number): void {
    this.bytes += bytes;
    this.events += events;
    const now = performance.now();
    if (now - this.last >= (this.out.isTTY ? REDRAW_MS : PLAIN_EVERY_MS)) {
      this.last = now;
      this.draw(now);
    }
  }

  done(): void {
    this.draw(performance.now());
    if (this.out.isTTY) this.out.write('\n');
  }

  private draw(now: number): void {
    const sec = Math.max(0.001, (now - this.t0) / 1000);
    const share = this.total > 0 ? Math.min(1, this.bytes / this.total) : 1;
    const rate = this.events / sec;
    const left = share > 0 ? (sec * (1 - share)) / share : Number.POSITIVE_INFINITY;
    const text = `${mb(this.bytes)} / ${mb(this.total)} · ${Math.round(rate).toLocaleString('en-US')} events/s · ${duration(left)} left`;
    if (!this.out.isTTY) {
      this.out.write(`${(share * 100).toFixed(0)}% ${text}\n`);
      return;
    }
    const filled = Math.round(share * BAR_CHARS);
    this.out.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(BAR_CHARS - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${text}\x1b[K`,
    );
  }
}
