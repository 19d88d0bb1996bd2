// Distinct people who acted within the last window of event time; an act without a userId is one more
// (unknowable) person. One viewer flooding the barrage is one voice, so the end of a flood is not an
// interaction drop. Bounded by the people active in one window. Events come in about time order (the engine
// applies them so); a late one is forgotten a little late, never early.
import { WINDOW_MS } from '../../shared/constants.ts';

export class RecentActors {
  /** userId → latest act, in order of that act (re-inserted on each act). */
  private readonly last = new Map<string, number>();
  private readonly anonymous: number[] = [];

  add(ts: number, userId: string | undefined): void {
    if (userId === undefined) {
      this.anonymous.push(ts);
      return;
    }
    this.last.delete(userId);
    this.last.set(userId, ts);
  }

  /** In act order, so the oldest are still dropped first after a restore. */
  checkpoint(): { last: [string, number][]; anonymous: number[] } {
    return { last: [...this.last], anonymous: [...this.anonymous] };
  }

  restore(s: { last: [string, number][]; anonymous: number[] }): void {
    this.last.clear();
    for (const [id, ts] of s.last) this.last.set(id, ts);
    this.anonymous.splice(0, this.anonymous.length, ...s.anonymous);
  }

  /** People who acted in (nowTs − window, nowTs]. */
  count(nowTs: number, windowMs = WINDOW_MS): number {
    const cutoff = nowTs - windowMs;
    for (const [id, ts] of this.last) {
      if (ts > cutoff) break;
      this.last.delete(id);
    }
    let drop = 0;
    while (drop < this.anonymous.length && this.anonymous[drop]! <= cutoff) drop++;
    if (drop > 0) this.anonymous.splice(0, drop);
    return this.last.size + this.anonymous.length;
  }
}
