// Plays a recorded stream into a room at a speed factor, keeping the recorded timestamps: the room's clock
// becomes the recording's clock (virtualNow), so windows and rates read as they did during the recording.
// The events come from a cursor (the import's spool on disk), a bounded number ahead at a time.
import type { LiveEvent } from '../../shared/events.ts';
import type { SourceHealth } from '../../shared/state.ts';
import type { Clock } from '../clock.ts';
import type { EventCursor } from '../ingest/event-spool.ts';
import { PacedLoop } from './paced-loop.ts';
import type { EventSink, Source } from './source.ts';

const STEP_MS = 200;
const CHUNK = 5000;

export class ReplaySource implements Source {
  readonly kind = 'import';
  private readonly loop = new PacedLoop(() => this.step(), STEP_MS);
  private sink: EventSink | null = null;
  /** Read from the cursor, not yet delivered (at most 2 × CHUNK). */
  private ahead: LiveEvent[] = [];
  private ended = false;
  private lastDelivered: number | null = null;
  private wall0 = 0;
  private lastSuccessAt: number | null = null;
  private error: string | null = null;
  done = false;

  constructor(
    private readonly cursor: EventCursor,
    /** The recording's first and last event times (known once the spool is written). */
    private readonly span: { first: number; last: number },
    private readonly speed: number,
    private readonly clock: Clock,
    private readonly onDone: () => void,
  ) {}

  start(sink: EventSink): void {
    this.sink = sink;
    this.wall0 = this.clock.now();
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.cursor.close();
  }

  /** The recording's clock, never ahead of the last event delivered to the room. */
  virtualNow(): number {
    const delivered = this.lastDelivered ?? this.span.first;
    const next = this.ahead[0];
    const behind = next === undefined ? !this.ended : next.ts <= this.target();
    return behind ? delivered : this.target();
  }

  private target(): number {
    return Math.min(this.span.last, this.span.first + (this.clock.now() - this.wall0) * this.speed);
  }

  private async step(): Promise<number | undefined> {
    if (this.ahead.length < CHUNK && !this.ended) {
      const more = await this.cursor.read(2 * CHUNK - this.ahead.length);
      if (more.length === 0) this.ended = true;
      else this.ahead = this.ahead.length === 0 ? more : this.ahead.concat(more);
    }
    const until = this.target();
    let end = 0;
    while (end < this.ahead.length && this.ahead[end]!.ts <= until && end < CHUNK) end++;
    const full = end === CHUNK;
    if (end > 0) {
      const batch = this.ahead.slice(0, end);
      this.ahead = this.ahead.slice(end);
      try {
        await this.sink!.ingest(batch);
        this.lastSuccessAt = this.clock.now();
      } catch (err) {
        this.error = (err as Error).message;
      }
      this.lastDelivered = batch[batch.length - 1]!.ts;
    }
    if (this.ended && this.ahead.length === 0 && !this.done) {
      this.done = true;
      void this.cursor.close();
      setImmediate(this.onDone);
    }
    return full || (!this.ended && this.ahead.length < CHUNK) ? 0 : undefined;
  }

  health(): SourceHealth {
    return {
      kind: this.kind,
      status: this.error ? 'error' : this.done ? 'idle' : 'ok',
      lastEventAt: this.lastDelivered,
      lastSuccessAt: this.lastSuccessAt,
      lagMs: 0,
      error: this.error,
    };
  }
}
