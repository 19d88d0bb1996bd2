// Hands a connector's events to the pipeline in arrival order, one batch at a time: while a batch is being
// stored, what arrives waits and goes next as one batch (a busy room's frames then commit together instead
// of one small transaction per frame). Rejections and failed batches are counted on the link.
import type { LiveEvent } from '../../../shared/events.ts';
import type { Clock } from '../../clock.ts';
import type { EventSink } from '../source.ts';
import type { Link } from './link.ts';

/** A batch is never larger than the pipeline takes in one call. */
const MAX_BATCH = 5000;

export class Delivery {
  sink: EventSink | null = null;
  private pending: LiveEvent[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly link: Link,
    private readonly clock: Clock,
  ) {}

  push(events: LiveEvent[]): void {
    if (events.length === 0) return;
    this.link.lastEventAt = this.clock.now();
    for (const e of events) this.pending.push(e);
    this.running ??= this.run();
  }

  /** Resolves once everything pushed so far is stored (or counted as failed). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    while (this.pending.length > 0 && this.sink) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        const r = await this.sink.ingest(batch);
        this.link.garbage += r.rejected.length;
      } catch {
        // The pipeline failed (storage): the batch is lost to this feed, and counted so the badge says so.
        this.link.garbage += batch.length;
      }
    }
    this.running = null;
  }
}
