// Recordings are nearly in time order (Bilibili files interleave within a second or so), and an import is
// stored as it streams: it cannot sort the whole file. A bounded reorder window instead: events are held
// until `hold` later ones have arrived, and released sorted (stable, so file order stays within a ts). An
// event displaced by more than the window is still stored, only applied after its neighbours.
import type { LiveEvent } from '../../shared/events.ts';

export class ReorderWindow {
  private pending: LiveEvent[] = [];

  constructor(private readonly hold: number) {}

  add(e: LiveEvent): void {
    this.pending.push(e);
  }

  /** Events that may go now, oldest first: all but the latest `hold`, once twice that many wait. */
  ready(): LiveEvent[] {
    if (this.pending.length < 2 * this.hold) return [];
    this.sort();
    return this.pending.splice(0, this.pending.length - this.hold);
  }

  /** Everything left, sorted (the body ended). */
  drain(): LiveEvent[] {
    this.sort();
    const out = this.pending;
    this.pending = [];
    return out;
  }

  private sort(): void {
    const p = this.pending;
    for (let i = 1; i < p.length; i++) {
      if (p[i - 1]!.ts > p[i]!.ts) {
        p.sort((a, b) => a.ts - b.ts);
        return;
      }
    }
  }
}
