// The room's per-second states, stored as a chain: a whole state at least once a minute of event time, and
// between, each second's patch from the second stored before it. A second's state is ~12 KB of JSON and most of
// it does not move from one second to the next; whole states every second were ~170 MB per 4-hour session.
import { diff } from '../../shared/patch.ts';
import type { RoomState } from '../../shared/state.ts';
import { type ChainLimits, nextFrame, type StoredChain } from '../storage/frame-chain.ts';
import type { StateFrame } from '../storage/ports.ts';

export interface StateSink {
  putState(roomId: string, frame: StateFrame): void;
}

/** A keyframe at least every 60 event seconds and after at most 60 patches (imports store sparse seconds). */
export const STATE_CHAIN: ChainLimits = { every: 60, maxPatches: 60 };

export class StateFrames {
  private last: { state: RoomState; sec: number; chain: StoredChain } | null = null;

  constructor(
    private readonly roomId: string,
    private readonly sink: StateSink,
  ) {}

  /** Stores the state at second `sec` (replacing a provisional one of that second). */
  put(sec: number, state: RoomState): void {
    this.last = this.write(sec, state);
  }

  /**
   * Stores the state at `sec` while the second is still open: linked to the last closed second, never itself
   * a base, so putting it again, or closing the second later, replaces it and the chain stays whole.
   */
  putProvisional(sec: number, state: RoomState): void {
    this.write(sec, state);
  }

  private write(sec: number, state: RoomState): { state: RoomState; sec: number; chain: StoredChain } {
    // A provisional state of this very second was stored: the previous closed second is still the base.
    const prev = this.last && this.last.sec < sec ? this.last : null;
    const ops = prev ? diff(prev.state, state) : null;
    const next = nextFrame(
      prev?.chain ?? null,
      prev?.sec ?? null,
      sec,
      ops,
      () => JSON.stringify(state),
      sec,
      STATE_CHAIN,
    );
    this.sink.putState(this.roomId, { sec, seq: state.seq, base: next.base, body: next.body });
    return { state, sec, chain: next.chain };
  }

  /**
   * The next state starts a new chain: after seconds that were not stored (a rebuild), and at a session's
   * start, so retention removing the previous session never leaves this one's states without their keyframe.
   */
  restart(): void {
    this.last = null;
  }
}
