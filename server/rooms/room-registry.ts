// Loaded rooms. A room is loaded on first use and rebuilt from the store: its latest checkpoint, then the
// events after it, so after a restart the screen shows the same totals as before it. The rebuild runs in
// slices of REBUILD_SLICE_MS that yield to the event loop: a big room never blocks other rooms' ticks or any
// request. A room small enough to rebuild in one slice is ready at once (load() resolves with it rebuilt);
// concurrent first uses share one load.

import { Value } from '@sinclair/typebox/value';
import { type AlertRule, AlertRulesSchema } from '../../shared/alerts.ts';
import { MAX_EVENT_FUTURE_MS, MAX_EVENT_TS_MS, MIN_EVENT_TS_MS } from '../../shared/constants.ts';
import type { LiveEvent } from '../../shared/events.ts';
import { DEFAULT_RULES } from '../alerts/default-rules.ts';
import type { Tokenizer } from '../engine/tokenizer-types.ts';
import { inFuture } from '../ingest/future-guard.ts';
import { forgetSessions } from '../replay/sessions.ts';
import type {
  CheckpointStore,
  QuarantineStore,
  RoomStore,
  StoredCheckpoint,
  TimelineReader,
} from '../storage/ports.ts';
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
  rooms: RoomStore;
  reader: TimelineReader;
  states: StateSink;
  checkpoints: CheckpointStore;
  createTokenizer: () => Tokenizer;
  listener: RoomListener;
  /** Where a rebuild moves events no room clock may take; with `now` (wall ms), what "the future" is. */
  quarantine?: QuarantineStore;
  now?: () => number;
}

export interface RebuildProgress {
  /** Events replayed so far, and how many were after the checkpoint when the rebuild began. */
  done: number;
  total: number;
  fromCheckpoint: boolean;
}

const warn = (msg: string) => process.emitWarning(msg);

export class RoomRegistry {
  private readonly loadedRooms = new Map<string, RoomRuntime>();
  private readonly loading = new Map<string, Promise<RoomRuntime | null>>();
  private readonly progress = new Map<string, RebuildProgress>();
  /** Told when a room that was rebuilding in the background is ready (screens then get a snapshot). */
  readonly rebuilt: ((runtime: RoomRuntime) => void)[] = [];

  constructor(private readonly deps: RegistryDeps) {}

  /** The room's runtime, loading it on first use (rebuilding maybe still in the background); null: no room. */
  load(roomId: string): Promise<RoomRuntime | null> {
    // Clustered: a room this instance may no longer act for (its lease ran out, not yet noticed by the next
    // round) is not handed out, so a push reaching it is committed as for any other instance's room (and its
    // owner told) rather than applied to a runtime that is about to be closed.
    if (!this.mayAct(roomId)) return Promise.resolve(null);
    const hit = this.loadedRooms.get(roomId);
    if (hit) return Promise.resolve(hit);
    let pending = this.loading.get(roomId);
    if (!pending) {
      pending = this.open(roomId).finally(() => this.loading.delete(roomId));
      this.loading.set(roomId, pending);
    }
    return pending;
  }

  /** The runtime if the room is loaded already (never touches storage). */
  loaded(roomId: string): RoomRuntime | null {
    return this.loadedRooms.get(roomId) ?? null;
  }

  private async open(roomId: string): Promise<RoomRuntime | null> {
    if (!this.mayAct(roomId)) return null;
    const room = await this.deps.rooms.get(roomId);
    if (!room) return null;
    const runtime = new RoomRuntime(
      roomId,
      this.deps.createTokenizer(),
      room.products,
      this.deps.states,
      await this.rulesOf(roomId),
      this.gatedListener,
      { saveCheckpoint: (id, cp) => this.saveCheckpoint(id, cp) },
    );
    if (this.clustered) runtime.followStore = (rt) => void this.catchUp(rt);
    await this.startRebuild(runtime);
    this.loadedRooms.set(roomId, runtime);
    return runtime;
  }

  private readonly writing = new Set<Promise<void>>();

  private saveCheckpoint(roomId: string, cp: RoomCheckpoint): void {
    const write = encodeCheckpointAsync(cp)
      .then((body) => this.deps.checkpoints.put(roomId, cp.appliedSeq, cp.version, body))
      .catch((err) => warn(`checkpoint of ${roomId} not written: ${String(err)}`))
      .finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  /**
   * Resolves when the checkpoints being encoded are written (before the store closes). Each room this instance
   * acts for is checkpointed first if anything is unsaved: cues and acks live only in checkpoints, so a stop
   * between a cue and the next tick would lose it, and the next start replays less.
   */
  async flushCheckpoints(): Promise<void> {
    for (const [roomId, rt] of this.loadedRooms) if (!rt.rebuilding && this.mayAct(roomId)) rt.checkpointUnsaved();
    await Promise.all([...this.writing]);
  }

  /** Stored rules when they are valid, else the defaults. */
  async rulesOf(roomId: string): Promise<AlertRule[]> {
    const stored = await this.deps.rooms.alertRules(roomId);
    return stored && Value.Check(AlertRulesSchema, stored) ? stored : DEFAULT_RULES;
  }

  /** Forget a loaded room (deleted): its runtime is no longer ticked or fed. Stop its driver first. */
  unload(roomId: string): void {
    this.loadedRooms.delete(roomId);
  }

  /**
   * Clustered mode: `mayAct` says whether this instance may act for a room now (it holds the room's lease,
   * within its deadline). Rooms it does not run are not loaded; alerts and cues of a room it no longer may act
   * for are not told (judged once, by the owner); its own commits are applied from the store in seq order.
   */
  mayAct: (roomId: string) => boolean = () => true;
  /** Clustered: the lease token the room's journal entries carry (JournalStore.append's fence). */
  fenceOf: (roomId: string) => number | undefined = () => undefined;
  clustered = false;

  private readonly gatedListener: RoomListener = {
    alerts: (roomId, events) => {
      if (this.mayAct(roomId)) this.deps.listener.alerts(roomId, events);
    },
    cues: (roomId, changed, isNew) => {
      if (this.mayAct(roomId)) this.deps.listener.cues(roomId, changed, isNew);
    },
    changed: (roomId) => {
      if (this.mayAct(roomId)) this.deps.listener.changed?.(roomId);
    },
  };

  private readonly catchingUp = new Map<string, Promise<void>>();

  /** Applies the room's stored events after its appliedSeq, one catch-up at a time (clustered mode). */
  catchUp(runtime: RoomRuntime): Promise<void> {
    const prev = this.catchingUp.get(runtime.roomId) ?? Promise.resolve();
    const next = prev.then(async () => {
      for (;;) {
        if (runtime.rebuilding || this.loadedRooms.get(runtime.roomId) !== runtime) return;
        if (!this.mayAct(runtime.roomId)) return;
        const page = await this.deps.reader.eventsPage(runtime.roomId, runtime.appliedSeq, 1_000);
        runtime.applyStored(page.events, page.seqs);
        if (page.events.length < 1_000) break;
      }
      runtime.checkpointIfDue();
    });
    const settled = next.catch((err) => warn(`catch-up of ${runtime.roomId} failed: ${String(err)}`));
    this.catchingUp.set(runtime.roomId, settled);
    return settled;
  }

  all(): RoomRuntime[] {
    return [...this.loadedRooms.values()];
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
  private async startRebuild(runtime: RoomRuntime): Promise<void> {
    runtime.capture = false;
    runtime.rebuilding = true;
    const stored = await this.deps.checkpoints.latest(runtime.roomId);
    const usable = stored?.version === CHECKPOINT_VERSION ? stored : null;
    const progress = { done: 0, total: 0, fromCheckpoint: false };
    const now = !usable || usable.body.length <= SYNC_CHECKPOINT_BYTES;
    if (now) {
      await this.restore(runtime, usable ? decodeCheckpoint(usable.body, runtime.roomId) : null, progress);
      if (await this.replaySlice(runtime, progress)) return this.finish(runtime, progress, false);
    }
    this.progress.set(runtime.roomId, progress);
    void this.rebuildInBackground(runtime, progress, now ? null : usable);
  }

  private async rebuildInBackground(runtime: RoomRuntime, progress: RebuildProgress, stored: StoredCheckpoint | null) {
    try {
      if (stored) await this.restore(runtime, await decodeCheckpointAsync(stored.body, runtime.roomId), progress);
      while (!(await this.replaySlice(runtime, progress))) await new Promise((resolve) => setImmediate(resolve));
    } catch (err) {
      // A room must not stay dark for ever: it opens with what was replayed, and the failure is reported.
      warn(`rebuild of ${runtime.roomId} stopped at seq ${runtime.appliedSeq}: ${String(err)}`);
    }
    await this.finish(runtime, progress, true);
  }

  /** The stored catalogue is applied again: one changed while the checkpoint was being read must not be lost
   * (when nothing changed, as after a plain restart, this changes nothing). */
  private async restore(runtime: RoomRuntime, stored: RoomCheckpoint | null, progress: RebuildProgress): Promise<void> {
    // A checkpoint taken after a far-future event was applied holds the poisoned clock: replayed from zero
    // instead, so that event is quarantined like any other.
    const wallNow = this.deps.now?.() ?? Date.now();
    const poisoned =
      stored !== null && [stored.runtime.lastEventTs ?? 0, stored.engine.time].some((t) => inFuture(t, wallNow));
    if (poisoned) warn(`room ${runtime.roomId}: checkpoint ahead of server time, rebuilt from the timeline instead`);
    const cp = poisoned ? null : stored;
    if (cp) {
      runtime.restore(cp);
      runtime.engine.setCatalogue((await this.deps.rooms.get(runtime.roomId))?.products ?? []);
    }
    progress.fromCheckpoint = cp !== null;
    // The seq span after the checkpoint: the event count when the room's events are consecutive, without
    // counting a million rows.
    progress.total = Math.max(0, (await this.deps.reader.lastSeq(runtime.roomId)) - runtime.appliedSeq);
  }

  /** Replays pages for up to REBUILD_SLICE_MS; true once the store has no more events for the room. */
  private async replaySlice(runtime: RoomRuntime, progress: RebuildProgress): Promise<boolean> {
    const started = performance.now();
    for (;;) {
      const page = await this.deps.reader.eventsPage(runtime.roomId, runtime.appliedSeq, PAGE_EVENTS);
      // Stored before times were bounded: an event from outside sane time, or stamped beyond server time, would
      // poison the room's clock again. Quarantined: moved off the timeline, reported, never replayed.
      const wallNow = this.deps.now?.() ?? Date.now();
      const sane = page.events.map(
        (e) => e.ts >= MIN_EVENT_TS_MS && e.ts <= MAX_EVENT_TS_MS && !inFuture(e.ts, wallNow),
      );
      runtime.applyStored(
        page.events.filter((_, i) => sane[i]),
        page.seqs.filter((_, i) => sane[i]),
      );
      if (sane.includes(false)) await this.quarantine(runtime, page.events, page.seqs, sane, wallNow);
      runtime.appliedSeq = Math.max(runtime.appliedSeq, page.seqs.at(-1) ?? 0);
      progress.done += page.events.length;
      if (page.events.length < PAGE_EVENTS) return true;
      if (performance.now() - started >= REBUILD_SLICE_MS) return false;
    }
  }

  private async quarantine(
    runtime: RoomRuntime,
    events: LiveEvent[],
    seqs: number[],
    sane: boolean[],
    wallNow: number,
  ): Promise<void> {
    const bad = seqs.filter((_, i) => !sane[i]);
    const first = events.find((_, i) => !sane[i])!;
    const reason = `ts ${first.ts} lies outside 2000-01-01 … server time + ${MAX_EVENT_FUTURE_MS / 60_000} min`;
    runtime.quarantined += bad.length;
    warn(`room ${runtime.roomId}: ${bad.length} stored event(s) quarantined, not replayed (first: ${reason})`);
    try {
      await this.deps.quarantine?.move(runtime.roomId, bad, reason, wallNow);
    } catch (err) {
      // Not moved, still never replayed: the next rebuild tries again.
      warn(`room ${runtime.roomId}: quarantined events not moved off the timeline: ${String(err)}`);
    }
  }

  /**
   * In the same turn as the last page: events committed while the pages were read (held by the runtime) are
   * applied now, those already in a page skipped by seq; an event committed later is applied live.
   */
  private async finish(runtime: RoomRuntime, progress: RebuildProgress, background: boolean): Promise<void> {
    runtime.capture = true;
    runtime.endRebuild();
    // The open second as the rebuilt engine has it: a kill may have lost its stored state with the last commit.
    runtime.settle();
    // A listing read before the rebuild stored those states again must not be served from the cache.
    forgetSessions(this.deps.reader, runtime.roomId);
    this.progress.delete(runtime.roomId);
    if (progress.done >= CHECKPOINT_AFTER_REBUILD_EVENTS) runtime.saveCheckpoint();
    runtime.seq = Math.max(runtime.seq, (await this.deps.reader.lastState(runtime.roomId))?.seq ?? 0);
    if (background) for (const f of [...this.rebuilt]) f(runtime);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all().map((r) => r.driver?.stop()));
  }
}
