// validate → deduplicate and store (durable) → apply to the room engine. Every source goes through here,
// so a pushed, polled, simulated or imported event is treated alike.
import type { LiveEvent } from '../../shared/events.ts';
import type { Clock } from '../clock.ts';
import type { RoomRuntime } from '../rooms/room-runtime.ts';
import type { IngestRejection, IngestResult } from '../sources/source.ts';
import type { TimelineWriter } from '../storage/ports.ts';
import { storageFailure, storageFaultText } from '../storage/storage-errors.ts';
import { refuseFuture } from './future-guard.ts';
import type { BodyItem } from './parse-body.ts';
import { type TimeBounds, validateEvent } from './validate-event.ts';

/**
 * Events applied per turn of the event loop after an import's commit: 1,000 took 20–110 ms on a loaded
 * 2-core machine (the room's state grows with its audience), and a health poll waited behind them.
 */
const APPLY_SLICE = 250;

export interface IngestMetrics {
  accepted(roomId: string, n: number): void;
  rejected(roomId: string, code: string): void;
}

export interface IngestOptions {
  /** Push from a live platform: events must be near server time. Imports and simulators keep their own time. */
  checkTime: boolean;
}

export class IngestPipeline {
  constructor(
    private readonly writer: TimelineWriter,
    private readonly clock: Clock,
    private readonly metrics: IngestMetrics,
  ) {}

  async ingest(runtime: RoomRuntime, items: BodyItem[], opts: IngestOptions): Promise<IngestResult> {
    const split = splitValid(items, opts.checkTime ? { now: this.clock.now() } : null);
    return this.store(runtime, split.valid, (i) => split.indexes[i]!, split.rejected, false);
  }

  /**
   * Events an import has already validated as it read them (import-stream.ts): validating them again was the
   * import's main cost over pushes. Every other guard holds as on any path: the room clock's bound, dedupe by
   * id, durable before applied. The apply waits its turn of the event loop and goes in slices of APPLY_SLICE,
   * so that neither a group commit of several chunks and their applies nor one chunk's apply holds the loop.
   */
  ingestValidated(runtime: RoomRuntime, events: LiveEvent[]): Promise<IngestResult> {
    return this.store(runtime, events, (i) => i, [], true);
  }

  private async store(
    runtime: RoomRuntime,
    checked: LiveEvent[],
    indexOf: (i: number) => number,
    rejected: IngestRejection[],
    applyLater: boolean,
  ): Promise<IngestResult> {
    let valid = checked;
    // Whatever the path, a room on wall time never takes an event beyond server time + MAX_EVENT_FUTURE_MS.
    if (runtime.driver?.virtualNow === undefined) {
      const future = refuseFuture(valid, this.clock.now(), indexOf);
      if (future.refused.length > 0) {
        valid = future.kept;
        rejected.push(...future.refused);
        rejected.sort((a, b) => a.index - b.index);
      }
    }
    for (const r of rejected) this.metrics.rejected(runtime.roomId, r.code);
    const inserted = valid.length ? await this.append(runtime, valid) : [];
    const fresh = valid.filter((_, i) => inserted[i] !== null);
    const seqs = inserted.filter((seq) => seq !== null);
    await this.apply(runtime, fresh, seqs, applyLater);
    this.metrics.accepted(runtime.roomId, fresh.length);
    return { accepted: fresh.length, duplicates: valid.length - fresh.length, rejected };
  }

  /** Per room, the applies still waiting their turn (applyLater), in commit order. */
  private readonly applying = new WeakMap<RoomRuntime, Promise<unknown>>();

  /**
   * Applies committed events in commit (seq) order: the engine skips a seq at or before the last applied, so
   * an apply that waits a turn holds back every later commit's apply of that room until it is done.
   */
  private apply(runtime: RoomRuntime, events: LiveEvent[], seqs: number[], later: boolean): Promise<void> | void {
    const pending = this.applying.get(runtime);
    if (pending === undefined && !later) return runtime.applyCommitted(events, seqs);
    const run = (pending ?? Promise.resolve()).then(async () => {
      if (!later) return runtime.applyCommitted(events, seqs);
      for (let i = 0; i < events.length; i += APPLY_SLICE) {
        await new Promise((resolve) => setImmediate(resolve));
        runtime.applyCommitted(events.slice(i, i + APPLY_SLICE), seqs.slice(i, i + APPLY_SLICE));
      }
    });
    const tail = run.catch(() => {});
    this.applying.set(runtime, tail);
    void tail.then(() => {
      if (this.applying.get(runtime) === tail) this.applying.delete(runtime);
    });
    return run;
  }

  /**
   * Clustered: a push for a room another instance runs. Committed here (acknowledged = committed), then the
   * owner is told to apply the store; `appended` is that message (set by the cluster).
   */
  async ingestRemote(roomId: string, items: BodyItem[], opts: IngestOptions): Promise<IngestResult> {
    const { valid, rejected } = splitValid(items, opts.checkTime ? { now: this.clock.now() } : null);
    for (const r of rejected) this.metrics.rejected(roomId, r.code);
    const inserted = valid.length ? await this.writer.append(roomId, valid) : [];
    const accepted = inserted.filter((seq) => seq !== null).length;
    if (accepted > 0) this.appended(roomId);
    this.metrics.accepted(roomId, accepted);
    return { accepted, duplicates: valid.length - accepted, rejected };
  }

  appended: (roomId: string) => void = () => {};

  /** A storage failure is the room's too: its screen shows it until an append succeeds again. */
  private async append(runtime: RoomRuntime, valid: LiveEvent[]): Promise<(number | null)[]> {
    try {
      const seqs = await this.writer.append(runtime.roomId, valid);
      runtime.storageFault = null;
      return seqs;
    } catch (err) {
      const failure = storageFailure(err);
      if (failure) runtime.storageFault = storageFaultText(failure);
      throw err;
    }
  }

  /** For in-process sources that produce typed events. */
  ingestEvents(runtime: RoomRuntime, events: unknown[], opts: IngestOptions): Promise<IngestResult> {
    return this.ingest(
      runtime,
      events.map((value) => ({ ok: true, value })),
      opts,
    );
  }
}

/** Validates each item; a bad one is rejected alone, with its index in the sender's batch. */
export function splitValid(
  items: BodyItem[],
  bounds: TimeBounds | null,
): { valid: LiveEvent[]; indexes: number[]; rejected: IngestRejection[] } {
  const rejected: IngestRejection[] = [];
  const valid: LiveEvent[] = [];
  const indexes: number[] = [];
  items.forEach((item, index) => {
    const verdict = item.ok ? validateEvent(item.value, bounds) : item;
    if (verdict.ok) {
      valid.push(verdict.event);
      indexes.push(index);
    } else rejected.push({ index, code: verdict.code, message: verdict.message });
  });
  return { valid, indexes, rejected };
}
