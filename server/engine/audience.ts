// Who is in the room: online viewers from enter/leave events (or from online_count gauges for platforms that
// only give counts), cumulative unique viewers, entries/exits and watch time.
import { avgWatchSeconds } from '../../shared/metrics/audience.ts';
import type { MinuteBuckets } from './minute-buckets.ts';
import { DistinctCounter } from './sketch/distinct-counter.ts';

export class AudienceTracker {
  /** userId → enter time relative to `base`: relative times keep the running sum exact in a double. */
  private readonly online = new Map<string, number>();
  private base: number | null = null;
  private enterSumRel = 0;
  private finishedWatchMs = 0;
  private gauge: number | null = null;
  readonly viewers = new DistinctCounter();
  entries = 0;
  exits = 0;
  peak = 0;
  sawEnterLeave = false;

  constructor(private readonly minutes: MinuteBuckets) {}

  enter(ts: number, userId: string): void {
    this.sawEnterLeave = true;
    if (this.online.has(userId)) return; // a repeated enter without a leave is the same stay
    if (this.base === null) this.base = ts;
    const rel = ts - this.base;
    this.online.set(userId, rel);
    this.enterSumRel += rel;
    this.viewers.add(userId);
    this.entries++;
    this.minutes.add(ts, 'entries');
    this.peak = Math.max(this.peak, this.count());
  }

  leave(ts: number, userId: string): void {
    this.sawEnterLeave = true;
    const rel = this.online.get(userId);
    if (rel === undefined) return; // a leave we never saw enter: nothing to close
    this.online.delete(userId);
    this.enterSumRel -= rel;
    this.finishedWatchMs += Math.max(0, ts - (this.base ?? ts) - rel);
    this.exits++;
    this.minutes.add(ts, 'exits');
  }

  setGauge(count: number): void {
    this.gauge = count;
    this.peak = Math.max(this.peak, this.count());
  }

  count(): number {
    if (this.sawEnterLeave) return this.online.size;
    return this.gauge ?? 0;
  }

  fromEvents(): boolean {
    return this.sawEnterLeave;
  }

  avgWatchSeconds(nowTs: number): number | null {
    if (!this.sawEnterLeave || this.base === null) return null;
    const onlineWatchMs = Math.max(0, this.online.size * (nowTs - this.base) - this.enterSumRel);
    return avgWatchSeconds(this.finishedWatchMs, onlineWatchMs, this.viewers.size);
  }
}
