// Loaded rooms. A room is loaded on first use and rebuilt from the store: its latest checkpoint, then the
// events after it, so after a restart the screen shows the same totals as before it. The rebuild runs in
// slices of REBUILD_SLICE_MS that yield to the event loop: a big room never blocks other rooms' ticks or any
// request. A room small enough to rebuild in one slice is ready at once (get() returns it rebuilt).

import { Value } from '@sinclair/typebox/value';
import { type AlertRule, AlertRulesSchema } from '../../shared/alerts.ts';
import { MAX_EVENT_TS_MS, MIN_EVENT_TS_MS } from '../../shared/constants.ts';
import { DEFAULT_RULES } from '../alerts/default-rules.ts';
import type { Tokenizer } from '../engine/tokenizer-types.ts';
import type { CheckpointsRepo, StoredCheckpoint } from '../storage/checkpoints-repo.ts';
import type { RoomsRepo } from '../storage/rooms-repo.ts';
import type { TimelineReader } from '../storage/timeline-reader.ts';
import {
  CHECKPOINT_VERSION,
  decodeCheckpoint,
  decodeCheckpointAsync,
  encodeCheckpointAsync,
  type RoomCheckpoint,
} from './room-checkpoint.ts';
import { type RoomListener, RoomRuntime, type StateSink } from './room-runtime.ts';

/** Longest run of replay before yielding: a tick (100 ms at 10 Hz) never waits more than this for a rebuild. */
export const REBUILD_SLICE_MS = 10;
const PAGE_EVENTS = 250;
/** Checkpoints up to this size (a small room's) are unzipped and restored at once. */
const SYNC_CHECKPOINT_BYTES = 64 * 1024;
/** A rebuild that replayed this many events leaves a checkpoint, so the next restart of the room is quick. */
const CHECKPOINT_AFTER_REBUILD_EVENTS = 10_000;

export interface RegistryDeps {
  rooms: RoomsRepo;
  reader: TimelineReader;
  states: StateSink;
  checkpoints: CheckpointsRepo;
  createTokenizer: () => Tokenizer;
  listener: RoomListener;
}

export interface RebuildProgress {
  /** Events replayed so far, and how many were after the checkpoint when the rebuild began. */
  done: number;
  total: number;
  fromCheckpoint: boolean;
}

export class RoomRegistry {
  private readonly loaded = new Map<string, RoomRuntime>();
  private readonly progress = new Map<string, RebuildProgress>();
  /** Told when a room that was rebuilding in the background is ready (screens then get a snapshot). */
  readonly rebuilt: ((runtime: RoomRuntime) => void)[] = [];

  constructor(private readonly deps: RegistryDeps) {}

  get(roomId: string): RoomRuntime | null {
    const hit = this.loaded.get(roomId);
    if (hit) return hit;
    const room = this.deps.rooms.get(roomId);
    if (!room) return null;
    const runtime = new RoomRuntime(
      roomId,
      this.deps.createTokenizer(),
      room.products,
      this.deps.states,
      this.rulesOf(roomId),
      this.deps.listener,
      { saveCheckpoint: (id, cp) => this.saveCheckpoint(id, cp) },
    );
    this.loaded.set(roomId, runtime);
    this.startRebuild(runtime);
    return runtime;
  }

  private readonly writing = new Set<Promise<void>>();

  private saveCheckpoint(roomId: string, cp: RoomCheckpoint): void {
    const write = encodeCheckpointAsync(cp)
      .then((body) => this.deps.checkpoints.put(roomId, cp.appliedSeq, cp.version, body))
      .catch((err) => process.emitWarning(`checkpoint of ${roomId} not written: ${String(err)}`))
      .finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  /** Resolves when the checkpoints being encoded are written (before the store closes). */
  async flushCheckpoints(): Promise<void> {
    await Promise.all([...this.writing]);
  }

  /** Stored rules when they are valid, else the defaults. */
  rulesOf(roomId: string): AlertRule[] {
    const stored = this.deps.rooms.alertRules(roomId);
    return stored && Value.Check(AlertRulesSchema, stored) ? stored : DEFAULT_RULES;
  }

  /** Forget a loaded room (deleted): its runtime is no longer ticked or fed. Stop its driver first. */
  unload(roomId: string): void {
    this.loaded.delete(roomId);
  }

  all(): RoomRuntime[] {
    return [...this.loaded.values()];
  }

  /** How far a rebuilding room is, or null when it is ready. */
  rebuildProgress(roomId: string): RebuildProgress | null {
    return this.progress.get(roomId) ?? null;
  }

  /** Resolves once the room is rebuilt (at once for a ready room). */
  async ready(runtime: RoomRuntime): Promise<void> {
    if (!runtime.rebuilding) return;
    await new Promise<void>((resolve) => {
      const done = (r: RoomRuntime) => {
        if (r !== runtime) return;
        this.rebuilt.splice(this.rebuilt.indexOf(done), 1);
        resolve();
      };
      this.rebuilt.push(done);
    });
  }

  /**
   * A small checkpoint (or none) and a tail that fits one slice: ready at once. Otherwise the checkpoint is
   * unzipped off the main thread and the tail replayed in slices, the room showing `rebuilding` meanwhile.
   */
  private startRebuild(runtime: RoomRuntime): void {
    runtime.capture = false;
    runtime.rebuilding = true;
    const stored = this.deps.checkpoints.latest(runtime.roomId);
    const usable = stored?.version === CHECKPOINT_VERSION ? stored : null;
    const progress = { done: 0, total: 0, fromCheckpoint: false };
    const now = !usable || usable.body.length <= SYNC_CHECKPOINT_BYTES;
    if (now) {
      this.restore(runtime, usable ? decodeCheckpoint(usable.body, runtime.roomId) : null, progress);
      if (this.replaySlice(runtime, progress)) {
        this.finish(runtime, progress, false);
        return;
      }
    }
    this.progress.set(runtime.roomId, progress);
    void this.rebuildInBackground(runtime, progress, now ? null : usable);
  }

  private async rebuildInBackground(runtime: RoomRuntime, progress: RebuildProgress, stored: StoredCheckpoint | null) {
    try {
      if (stored) this.restore(runtime, await decodeCheckpointAsync(stored.body, runtime.roomId), progress);
      while (!this.replaySlice(runtime, progress)) await new Promise((resolve) => setImmediate(resolve));
    } catch (err) {
      // A room must not stay dark for ever: it opens with what was replayed, and the failure is reported.
      process.emitWarning(`rebuild of ${runtime.roomId} stopped at seq ${runtime.appliedSeq}: ${String(err)}`);
    }
    this.finish(runtime, progress, true);
  }

  /** The stored catalogue is applied again: one changed while the checkpoint was being read must not be lost
   * (when nothing changed, as after a plain restart, this changes nothing). */
  private restore(runtime: RoomRuntime, cp: RoomCheckpoint | null, progress: RebuildProgress): void {
    if (cp) {
      runtime.restore(cp);
      runtime.engine.setCatalogue(this.deps.rooms.get(runtime.roomId)?.products ?? []);
    }
    progress.fromCheckpoint = cp !== null;
    // The seq span after the checkpoint: the event count when the room's events are consecutive, without
    // counting a million rows.
    progress.total = Math.max(0, (this.deps.reader.lastSeq(runtime.roomId) ?? 0) - runtime.appliedSeq);
  }

  /** Replays pages for up to REBUILD_SLICE_MS; true once the store has no more events for the room. */
  private replaySlice(runtime: RoomRuntime, progress: RebuildProgress): boolean {
    const started = performance.now();
    for (;;) {
      const page = this.deps.reader.eventsPage(runtime.roomId, runtime.appliedSeq, PAGE_EVENTS);
      // Stored before times were bounded: an event from outside sane time would poison the room again.
      const sane = page.events.map((e) => e.ts >= MIN_EVENT_TS_MS && e.ts <= MAX_EVENT_TS_MS);
      runtime.applyStored(
        page.events.filter((_, i) => sane[i]),
        page.seqs.filter((_, i) => sane[i]),
      );
      runtime.appliedSeq = Math.max(runtime.appliedSeq, page.seqs.at(-1) ?? 0);
      progress.done += page.events.length;
      if (page.events.length < PAGE_EVENTS) return true;
      if (performance.now() - started >= REBUILD_SLICE_MS) return false;
    }
  }

  /** Same turn as the last page read: an event committed later is applied live (its seq is past appliedSeq). */
  private finish(runtime: RoomRuntime, progress: RebuildProgress, background: boolean): void {
    runtime.capture = true;
    runtime.rebuilding = false;
    runtime.seq = Math.max(runtime.seq, this.deps.reader.lastState(runtime.roomId)?.seq ?? 0);
    this.progress.delete(runtime.roomId);
    if (progress.done >= CHECKPOINT_AFTER_REBUILD_EVENTS) runtime.saveCheckpoint();
    if (background) for (const f of [...this.rebuilt]) f(runtime);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all().map((r) => r.driver?.stop()));
  }
}
