// Delivery to screens. Change-driven: a room whose state changed gets an update soon after, coalesced to at
// most one per MIN_UPDATE_GAP_MS; the clock tick (TICK_HZ) updates every room not just updated, so time-driven
// fields move and an idle room's screens hear a heartbeat. Each update is one patch per room (screen-update.ts), emitted to the
// room's channel, so socket.io encodes it once whatever the number of screens; every FULL_SNAPSHOT_EVERY_MS a
// full snapshot goes to each seat channel, healing any screen that missed something. Scheduling reads the
// injected Clock; when not started (tests), nothing is scheduled and tickAll() delivers.
import { MIN_UPDATE_GAP_MS } from '../../shared/constants.ts';
import { LIVE_NAMESPACE, SEATS } from '../../shared/protocol.ts';
import type { RoomState } from '../../shared/state.ts';
import { systemTimers, type Timers } from '../clock.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import type { RoomListener, RoomRuntime } from '../rooms/room-runtime.ts';
import type { Services } from '../services.ts';
import { SLOW_PARTS_EVERY_MS, screenUpdate } from './screen-update.ts';
import { roomChannel, seatChannel } from './seat-channels.ts';
import { buildSnapshot } from './snapshot.ts';
import { nextFrame, type StoredChain } from './tick-frames.ts';

const FULL_SNAPSHOT_EVERY_MS = 30_000;

export interface TickLog {
  error(obj: object, msg: string): void;
}

export class Ticker {
  private timer: unknown = null;
  private ticks = 0;
  /** Per room: what its screens hold now, the wall time it was sent, and when its slow parts were refreshed. */
  private readonly screens = new Map<
    string,
    { state: RoomState; at: number; slowAt: number; stored: StoredChain | null }
  >();
  private readonly pending = new Map<string, unknown>();
  /** Registered with the room listeners: events applied → an update is due. */
  readonly listener: RoomListener = { alerts() {}, cues() {}, changed: (roomId) => this.changed(roomId) };

  constructor(
    private readonly io: IoServer,
    private readonly services: Services,
    readonly intervalMs: number,
    private readonly log: TickLog = { error: () => {} },
    private readonly timers: Timers = systemTimers,
  ) {}

  start(): void {
    this.timer = this.timers.setInterval(() => this.tickAll(false), this.intervalMs);
  }

  stop(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    for (const t of this.pending.values()) this.timers.clear(t);
    this.pending.clear();
  }

  /** The room's state changed: its update goes out once MIN_UPDATE_GAP_MS have passed since the last one. */
  changed(roomId: string): void {
    if (this.timer === null || this.pending.has(roomId)) return;
    const last = this.screens.get(roomId)?.at ?? Number.NEGATIVE_INFINITY;
    const waitMs = Math.max(0, last + MIN_UPDATE_GAP_MS - this.services.clock.now());
    const timer = this.timers.setTimeout(() => {
      this.pending.delete(roomId);
      const runtime = this.services.registry.loaded(roomId);
      if (runtime && !runtime.rebuilding) this.deliverSafely(runtime);
    }, waitMs);
    this.pending.set(roomId, timer);
  }

  /**
   * The clock tick: every room gets an update, and now and then a full snapshot. From the timer, a room that
   * just had one, or has one coming, is left to it (the ~20 per second cap holds); called by hand, every room.
   */
  tickAll(everyRoom = true): void {
    const end = this.services.metrics.tickDuration.startTimer();
    const fullSnapshot = ++this.ticks % Math.max(1, Math.round(FULL_SNAPSHOT_EVERY_MS / this.intervalMs)) === 0;
    const wallNow = this.services.clock.now();
    for (const runtime of this.services.registry.all()) {
      // Clustered: a room whose lease this instance can no longer vouch for is not ticked (nor judged) here.
      if (!this.services.registry.mayAct(runtime.roomId)) continue;
      const rebuilding = this.services.registry.rebuildProgress(runtime.roomId);
      if (rebuilding) {
        this.io
          .of(LIVE_NAMESPACE)
          .to(roomChannel(runtime.roomId))
          .emit('room:rebuilding', { roomId: runtime.roomId, ...rebuilding });
        continue;
      }
      const last = this.screens.get(runtime.roomId)?.at ?? Number.NEGATIVE_INFINITY;
      const fresh = this.pending.has(runtime.roomId) || wallNow - last < MIN_UPDATE_GAP_MS;
      const delivered = !everyRoom && fresh ? true : this.deliverSafely(runtime);
      if (delivered && fullSnapshot) this.sendSnapshots(runtime);
    }
    end();
  }

  /** A room rebuilt in the background: its screens, told only that it was rebuilding, get a fresh snapshot. */
  rebuilt(runtime: RoomRuntime): void {
    this.screens.delete(runtime.roomId);
    this.sendSnapshots(runtime);
  }

  /** The state the room's screens hold now (what a snapshot carries). */
  screenState(runtime: RoomRuntime): RoomState {
    const held = this.screens.get(runtime.roomId);
    if (held) return held.state;
    // No screen holds anything yet: the room as it is now (its clock not moved) becomes the base.
    const wallNow = this.services.clock.now();
    const state = runtime.state(wallNow);
    this.screens.set(runtime.roomId, { state, at: wallNow, slowAt: wallNow, stored: null });
    return state;
  }

  private deliverSafely(runtime: RoomRuntime): boolean {
    // One room's fault (a bug, or poison a bound missed) is that room's error, never every room's outage.
    try {
      this.deliver(runtime);
      runtime.fault = null;
      return true;
    } catch (err) {
      if (runtime.fault === null) this.log.error({ err, room: runtime.roomId }, 'room tick failed');
      runtime.fault = String((err as Error)?.message ?? err).slice(0, 200);
      return false;
    }
  }

  private deliver(runtime: RoomRuntime): RoomState {
    const wallNow = this.services.clock.now();
    const held = this.screens.get(runtime.roomId);
    const slow = !held || wallNow - held.slowAt >= SLOW_PARTS_EVERY_MS;
    const { state: fresh } = runtime.tick(wallNow, { slowParts: slow });
    const { state, ops } = screenUpdate(held?.state ?? null, fresh, slow);
    let stored = held?.stored ?? null;
    // An at-once import holds the room clock, and a room whose session is over parks it at its last event:
    // those updates show a recording half-loaded or a screen at rest, not a live moment for replay.
    if (!runtime.clockHeld(wallNow)) {
      const next = nextFrame(stored, held?.state.seq ?? null, state, ops, wallNow);
      this.services.writer.putTick(runtime.roomId, next.frame);
      stored = next.chain;
    }
    this.screens.set(runtime.roomId, { state, at: wallNow, slowAt: slow ? wallNow : held.slowAt, stored });
    const lag = fresh.source.lagMs;
    if (lag !== null) this.services.metrics.roomLag.set({ room: runtime.roomId }, lag / 1000);
    if (ops) this.io.of(LIVE_NAMESPACE).to(roomChannel(runtime.roomId)).emit('room:patch', { seq: state.seq, ops });
    return state;
  }

  /** One snapshot per seat channel, not per socket: socket.io encodes each once for all that seat's screens. */
  private sendSnapshots(runtime: RoomRuntime): void {
    const nsp = this.io.of(LIVE_NAMESPACE);
    const state = this.screenState(runtime);
    for (const seat of SEATS) {
      nsp
        .to(seatChannel(runtime.roomId, seat))
        .emit('room:snapshot', buildSnapshot(runtime, seat, state, this.intervalMs));
    }
  }
}
