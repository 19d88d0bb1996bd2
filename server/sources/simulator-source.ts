// Runs the seeded simulator as a room's source, at real time (the demo) or at any speed factor.
import type { SourceHealth } from '../../shared/state.ts';
import type { Clock } from '../clock.ts';
import { PacedLoop } from './paced-loop.ts';
import type { Simulator } from './simulator/simulator.ts';
import type { EventSink, Source } from './source.ts';

const STEP_MS = 250;
/** Events per durable batch: large enough for group commit to pay, small enough to keep ticks on time. */
const CHUNK = 5000;

export class SimulatorSource implements Source {
  readonly kind = 'simulator';
  private readonly loop = new PacedLoop(() => this.step(), STEP_MS);
  private sink: EventSink | null = null;
  private wall0 = 0;
  private pending: unknown[] = [];
  /** False until the first backlog (warm-up) is delivered, and while a batch is in flight. */
  private caughtUp = false;
  private lastEventAt: number | null = null;
  /** Events delivered, shown like a connector's message count (a flowing simulator never reads 0 条消息). */
  private messages = 0;
  /** The latest time virtualNow() returned. */
  private handedOut = Number.NEGATIVE_INFINITY;
  private lastSuccessAt: number | null = null;
  private error: string | null = null;

  /**
   * `originTs` is the simulated time at start. A simulator that began before it (a warm-up) catches up at
   * once, so a demo opens on a room that has been live for a while.
   */
  constructor(
    private readonly sim: Simulator,
    private readonly originTs: number,
    private readonly speed: number,
    private readonly clock: Clock,
  ) {}

  start(sink: EventSink): void {
    this.sink = sink;
    this.wall0 = this.clock.now();
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** The room's clock. While a backlog is still being delivered it stays at the last delivered event, so the
   * engine is never moved past events it has not seen yet; and it never runs back (a batch in flight would
   * otherwise pull it behind the time already handed out, and a cue could be delivered before it was sent). */
  virtualNow(): number {
    const now = this.caughtUp ? this.target() : (this.lastEventAt ?? this.sim.now);
    this.handedOut = Math.max(this.handedOut, now);
    return this.handedOut;
  }

  private target(): number {
    return this.originTs + (this.clock.now() - this.wall0) * this.speed;
  }

  private async step(): Promise<number | undefined> {
    // Whatever throws here (the simulator itself or the store) is this source's error on screen, never a
    // silent stop: the loop would otherwise swallow the rejection and run on with healthy-looking status.
    try {
      return await this.deliverNext();
    } catch (err) {
      this.error = String((err as Error)?.message ?? err).slice(0, 200);
      this.caughtUp = this.pending.length === 0;
      return this.pending.length > 0 ? 0 : undefined;
    }
  }

  private async deliverNext(): Promise<number | undefined> {
    if (this.pending.length === 0) this.pending = this.sim.advance(this.target());
    const batch = this.pending.splice(0, CHUNK);
    if (batch.length === 0) {
      this.caughtUp = true;
      return undefined;
    }
    this.caughtUp = false;
    await this.sink!.ingest(batch);
    this.lastSuccessAt = this.clock.now();
    this.lastEventAt = (batch[batch.length - 1] as { ts: number }).ts;
    this.messages += batch.length;
    this.error = null;
    this.caughtUp = this.pending.length === 0;
    return this.pending.length > 0 ? 0 : undefined;
  }

  health(): SourceHealth {
    return {
      kind: this.kind,
      status: this.error ? 'error' : 'ok',
      lastEventAt: this.lastEventAt,
      lastSuccessAt: this.lastSuccessAt,
      lagMs: this.lastEventAt === null ? null : Math.max(0, this.target() - this.lastEventAt),
      error: this.error,
      messages: this.messages,
    };
  }
}
