// Plays a recorded stream into a room at a speed factor, keeping the recorded timestamps: the room's clock
// becomes the recording's clock (virtualNow), so windows and rates read as they did during the recording.
import type { LiveEvent } from '../../shared/events.ts';
import type { SourceHealth } from '../../shared/state.ts';
import type { Clock } from '../clock.ts';
import { PacedLoop } from './paced-loop.ts';
import type { EventSink, Source } from './source.ts';

const STEP_MS = 200;
const CHUNK = 5000;

export class ReplaySource implements Source {
  readonly kind = 'import';
  private readonly loop = new PacedLoop(() => this.step(), STEP_MS);
  private sink: EventSink | null = null;
  private next = 0;
  private wall0 = 0;
  private lastSuccessAt: number | null = null;
  private error: string | null = null;
  done = false;

  constructor(
    private readonly events: LiveEvent[],
    private readonly speed: number,
    private readonly clock: Clock,
    private readonly onDone: () => void,
  ) {}

  start(sink: EventSink): void {
    this.sink = sink;
    this.wall0 = this.clock.now();
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** The recording's clock, never ahead of the last event delivered to the room. */
  virtualNow(): number {
    const delivered = this.next > 0 ? this.events[this.next - 1]!.ts : (this.events[0]?.ts ?? 0);
    const behind = this.next < this.events.length && this.events[this.next]!.ts <= this.target();
    return behind ? delivered : this.target();
  }

  private target(): number {
    const t0 = this.events[0]?.ts ?? 0;
    const last = this.events[this.events.length - 1]?.ts ?? t0;
    return Math.min(last, t0 + (this.clock.now() - this.wall0) * this.speed);
  }

  private async step(): Promise<number | undefined> {
    const until = this.target();
    let end = this.next;
    while (end < this.events.length && this.events[end]!.ts <= until && end - this.next < CHUNK) end++;
    const full = end - this.next === CHUNK;
    if (end > this.next) {
      try {
        await this.sink!.ingest(this.events.slice(this.next, end));
        this.lastSuccessAt = this.clock.now();
      } catch (err) {
        this.error = (err as Error).message;
      }
      this.next = end;
    }
    if (this.next >= this.events.length && !this.done) {
      this.done = true;
      setImmediate(this.onDone);
    }
    return full ? 0 : undefined;
  }

  health(): SourceHealth {
    const lastEventAt = this.next > 0 ? this.events[this.next - 1]!.ts : null;
    return {
      kind: this.kind,
      status: this.error ? 'error' : this.done ? 'idle' : 'ok',
      lastEventAt,
      lastSuccessAt: this.lastSuccessAt,
      lagMs: 0,
      error: this.error,
    };
  }
}
