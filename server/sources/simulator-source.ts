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
  private lastEventAt: number | null = null;
  private lastSuccessAt: number | null = null;
  private error: string | null = null;

  constructor(
    private readonly sim: Simulator,
    private readonly startTs: number,
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

  virtualNow(): number {
    return this.startTs + (this.clock.now() - this.wall0) * this.speed;
  }

  private async step(): Promise<number | undefined> {
    if (this.pending.length === 0) this.pending = this.sim.advance(this.virtualNow());
    const batch = this.pending.splice(0, CHUNK);
    if (batch.length === 0) return undefined;
    try {
      await this.sink!.ingest(batch);
      this.lastSuccessAt = this.clock.now();
      this.lastEventAt = (batch[batch.length - 1] as { ts: number }).ts;
      this.error = null;
    } catch (err) {
      this.error = (err as Error).message;
    }
    return this.pending.length > 0 ? 0 : undefined;
  }

  health(): SourceHealth {
    return {
      kind: this.kind,
      status: this.error ? 'error' : 'ok',
      lastEventAt: this.lastEventAt,
      lastSuccessAt: this.lastSuccessAt,
      lagMs: this.lastEventAt === null ? null : Math.max(0, this.virtualNow() - this.lastEventAt),
      error: this.error,
    };
  }
}
