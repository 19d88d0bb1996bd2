// A loaded room: its engine, its tick sequence, its driving source, and the per-second state capture that
// replay reads. Everything here is synchronous and driven by the caller's notion of time.
import { SOURCE_STALE_MS } from '../../shared/constants.ts';
import type { LiveEvent, Product } from '../../shared/events.ts';
import type { TickMessage } from '../../shared/protocol.ts';
import type { RoomState, SourceHealth } from '../../shared/state.ts';
import { RoomEngine } from '../engine/room-engine.ts';
import type { Tokenizer } from '../engine/tokenizer-types.ts';
import type { Source } from '../sources/source.ts';

export interface StateSink {
  putState(roomId: string, sec: number, seq: number, body: string): void;
}

export class RoomRuntime {
  readonly engine: RoomEngine;
  seq = 0;
  driver: Source | null = null;
  /** The second whose state is not yet captured; events move it forward. */
  private openSec: number | null = null;
  private lastPushWall: number | null = null;
  private lastEventTs: number | null = null;
  capture = true;

  constructor(
    readonly roomId: string,
    tokenizer: Tokenizer,
    catalogue: Product[],
    private readonly states: StateSink,
  ) {
    this.engine = new RoomEngine(roomId, { tokenizer }, catalogue);
  }

  /** Apply stored (already durable) events in commit order. */
  applyEvents(events: LiveEvent[]): void {
    for (const e of events) {
      this.closeSecondsBefore(e.ts);
      this.engine.apply(e);
      if (this.lastEventTs === null || e.ts > this.lastEventTs) this.lastEventTs = e.ts;
    }
  }

  notePush(wallNow: number): void {
    this.lastPushWall = wallNow;
  }

  /** The event time "now" for this room: a replaying source's virtual time, else wall time. */
  timeAt(wallNow: number): number {
    return this.driver?.virtualNow?.() ?? wallNow;
  }

  tick(wallNow: number): TickMessage {
    const t = this.timeAt(wallNow);
    this.closeSecondsBefore(t);
    this.engine.advanceTo(t);
    this.seq++;
    return { seq: this.seq, state: this.state(wallNow) };
  }

  state(wallNow: number): RoomState {
    return this.engine.state(this.seq, this.health(wallNow));
  }

  health(wallNow: number): SourceHealth {
    if (this.driver) return this.driver.health();
    const lagMs = this.lastEventTs === null ? null : Math.max(0, wallNow - this.lastEventTs);
    let status: SourceHealth['status'] = 'idle';
    if (this.lastPushWall !== null) status = wallNow - this.lastPushWall > SOURCE_STALE_MS ? 'stale' : 'ok';
    return {
      kind: 'push',
      status,
      lastEventAt: this.lastEventTs,
      lastSuccessAt: this.lastPushWall,
      lagMs,
      error: null,
    };
  }

  private closeSecondsBefore(ts: number): void {
    const sec = Math.floor(ts / 1000);
    if (this.openSec === null) {
      this.openSec = sec;
      return;
    }
    if (sec <= this.openSec) return;
    if (this.capture) {
      // The state "at second s" is the state after every event before s+1, windows read at the end of s.
      this.engine.advanceTo(this.openSec * 1000 + 999);
      const state = this.engine.state(this.seq, this.health(this.openSec * 1000 + 999));
      this.states.putState(this.roomId, this.openSec, this.seq, JSON.stringify(state));
    }
    this.openSec = sec;
  }
}
