// Who is watching: online viewers in an array that knows each viewer's slot, so entering, leaving and picking
// a random viewer are O(1) whatever the room size.
import type { Rng } from './rng.ts';

export interface Viewer {
  readonly id: string;
  readonly enteredAt: number;
  readonly leaveAt: number;
  /** Index in `online`; -1 once gone, so a departure still scheduled for a gone viewer is ignored. */
  slot: number;
  followed: boolean;
}

/** The longest stay drawn: a few viewers keep the stream open for hours. */
export const MAX_STAY_MS = 4 * 3_600_000;

export class Audience {
  readonly online: Viewer[] = [];
  private nextUser = 0;

  get size(): number {
    return this.online.length;
  }

  /** A new viewer (a fresh `u<number>` id, so cumulative unique viewers grow). */
  enter(enteredAt: number, stayMs: number): Viewer {
    const v: Viewer = {
      id: `u${this.nextUser++}`,
      enteredAt,
      leaveAt: enteredAt + stayMs,
      slot: this.online.length,
      followed: false,
    };
    this.online.push(v);
    return v;
  }

  /** False if the viewer had already gone. */
  leave(v: Viewer): boolean {
    if (v.slot < 0) return false;
    const last = this.online.pop()!;
    if (last !== v) {
      this.online[v.slot] = last;
      last.slot = v.slot;
    }
    v.slot = -1;
    return true;
  }

  pick(rng: Rng): Viewer | undefined {
    return this.online.length === 0 ? undefined : this.online[rng.int(this.online.length)];
  }

  /** Everyone leaves at once (the stream ended); returns who was still there. */
  clear(): Viewer[] {
    const gone = this.online.splice(0);
    for (const v of gone) v.slot = -1;
    return gone;
  }
}

/**
 * Stay times, heavy-tailed: three viewers in four glance and go (mean ~20 s), most of the rest watch a few
 * minutes, and 3 % follow a Pareto tail that keeps some for hours. Mean ≈ 55 s, ~80 % leave within a minute.
 * Whole milliseconds, at least 1 s, so a departure always falls in a later simulated second than its entry.
 */
export function drawStayMs(rng: Rng): number {
  const r = rng.next();
  let ms: number;
  if (r < 0.75) ms = rng.exp(20_000);
  else if (r < 0.97) ms = rng.exp(90_000);
  else ms = 240_000 / (1 - rng.next()) ** (1 / 1.5);
  return Math.min(MAX_STAY_MS, 1000 + Math.round(ms));
}
