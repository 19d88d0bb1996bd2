// Loaded rooms. A room is loaded on first use and rebuilt from the timeline, so after a restart the screen
// shows the same totals as before it.

import { Value } from '@sinclair/typebox/value';
import { type AlertRule, AlertRulesSchema } from '../../shared/alerts.ts';
import { MAX_EVENT_TS_MS, MIN_EVENT_TS_MS } from '../../shared/constants.ts';
import { DEFAULT_RULES } from '../alerts/default-rules.ts';
import type { Tokenizer } from '../engine/tokenizer-types.ts';
import type { RoomsRepo } from '../storage/rooms-repo.ts';
import type { TimelineReader } from '../storage/timeline-reader.ts';
import { type RoomListener, RoomRuntime, type StateSink } from './room-runtime.ts';

export interface RegistryDeps {
  rooms: RoomsRepo;
  reader: TimelineReader;
  states: StateSink;
  createTokenizer: () => Tokenizer;
  listener: RoomListener;
}

export class RoomRegistry {
  private readonly loaded = new Map<string, RoomRuntime>();

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
    );
    this.rebuild(runtime);
    this.loaded.set(roomId, runtime);
    return runtime;
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

  /** Feed the engine every stored event; states of those seconds are already stored, so none are written. */
  private rebuild(runtime: RoomRuntime): void {
    runtime.capture = false;
    const batch = [];
    for (const e of this.deps.reader.events(runtime.roomId)) {
      // Stored before times were bounded: an event from outside sane time would poison the room again.
      if (!(e.ts >= MIN_EVENT_TS_MS && e.ts <= MAX_EVENT_TS_MS)) continue;
      batch.push(e);
      if (batch.length === 5000) runtime.applyEvents(batch.splice(0));
    }
    runtime.applyEvents(batch);
    runtime.capture = true;
    runtime.seq = this.deps.reader.lastState(runtime.roomId)?.seq ?? 0;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.all().map((r) => r.driver?.stop()));
  }
}
