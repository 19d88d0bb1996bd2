// A loop that runs a step every `intervalMs` of wall time and never overlaps itself: the next step is
// scheduled only after the previous one (and its durable ingest) finished.
export class PacedLoop {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly step: () => Promise<number | undefined>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.current = this.step().then(
        (next) => this.schedule(next ?? this.intervalMs),
        () => this.schedule(this.intervalMs),
      );
    }, delayMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }
}
