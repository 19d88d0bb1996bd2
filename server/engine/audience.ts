// Who is in the room: online viewers from enter/leave events (or from online_count gauges for platforms that
// only give counts), cumulative unique viewers, entries/exits and watch time.
import { avgWatchSeconds } from '../../shared/metrics/audience.ts';
import type { MinuteBuckets } from './minute-buckets.ts';
import { type DistinctCheckpoint, DistinctCounter } from './sketch/distinct-counter.ts';

/** Arrivals for the watch-time estimate are counted over this window. */
const ESTIMATE_WINDOW_MS = 5 * 60_000;

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
  /** Public feeds send entries but no departures: without a leave, online comes from the room's counter. */
  private sawLeave = false;
  /** The platform's cumulative viewers (viewer_total), when the feed gives it. */
  private platformViewers: number | null = null;

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

  /** An entry whose viewer the platform hid: an arrival for the rates, not a viewer, not online. */
  anonymousEnter(ts: number): void {
    this.entries++;
    this.minutes.add(ts, 'entries');
  }

  leave(ts: number, userId: string): void {
    this.sawEnterLeave = true;
    this.sawLeave = true;
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

  setViewerTotal(count: number): void {
    this.platformViewers = Math.max(this.platformViewers ?? 0, count);
  }

  count(): number {
    if (this.fromEvents()) return this.online.size;
    return this.gauge ?? 0;
  }

  /** Online from enter/leave events, unless entries come without departures and a counter gives online. */
  fromEvents(): boolean {
    return this.sawEnterLeave && (this.sawLeave || this.gauge === null);
  }

  /** 累计观看人数 for the card: the platform's count when it gives one, else the distinct viewers seen. */
  viewerCount(): number {
    return Math.max(this.platformViewers ?? 0, this.viewers.size);
  }

  /** The share of the room's viewers the feed showed us (null when the platform gives no total). */
  feedShare(): number | null {
    if (!this.platformViewers) return null;
    return Math.min(1, this.viewers.size / this.platformViewers);
  }

  /** True when the average watch time is estimated from counters and entries (no departures in the feed). */
  watchEstimated(): boolean {
    return !this.fromEvents() && this.gauge !== null;
  }

  checkpoint(): AudienceCheckpoint {
    const { base, enterSumRel, finishedWatchMs, gauge, entries, exits, peak, sawEnterLeave, sawLeave } = this;
    const online = [...this.online];
    return {
      online,
      base,
      enterSumRel,
      finishedWatchMs,
      gauge,
      entries,
      exits,
      peak,
      sawEnterLeave,
      sawLeave,
      platformViewers: this.platformViewers,
      viewers: this.viewers.checkpoint(),
    };
  }

  restore(s: AudienceCheckpoint): void {
    this.online.clear();
    for (const [id, rel] of s.online) this.online.set(id, rel);
    this.viewers.restore(s.viewers);
    ({ base: this.base, enterSumRel: this.enterSumRel, finishedWatchMs: this.finishedWatchMs, gauge: this.gauge } = s);
    ({ entries: this.entries, exits: this.exits, peak: this.peak, sawEnterLeave: this.sawEnterLeave } = s);
    ({ sawLeave: this.sawLeave, platformViewers: this.platformViewers } = s);
  }

  avgWatchSeconds(nowTs: number): number | null {
    if (this.watchEstimated()) return this.estimatedWatchSeconds(nowTs);
    if (!this.sawEnterLeave || this.base === null) return null;
    const onlineWatchMs = Math.max(0, this.online.size * (nowTs - this.base) - this.enterSumRel);
    return avgWatchSeconds(this.finishedWatchMs, onlineWatchMs, this.viewers.size);
  }

  /**
   * Little's law: average stay ≈ online ÷ arrivals per second. Arrivals are the feed's entries over the last
   * 5 minutes, scaled up by the share of viewers the feed shows when the platform's total gives it.
   */
  private estimatedWatchSeconds(nowTs: number): number | null {
    const entries = this.minutes.lastSum('entries', nowTs, ESTIMATE_WINDOW_MS);
    const share = this.feedShare();
    const arrivalsPerS = entries / (share && share > 0 ? share : 1) / (ESTIMATE_WINDOW_MS / 1000);
    if (arrivalsPerS <= 0 || this.gauge === null) return null;
    return this.gauge / arrivalsPerS;
  }
}

export interface AudienceCheckpoint {
  online: [string, number][];
  base: number | null;
  enterSumRel: number;
  finishedWatchMs: number;
  gauge: number | null;
  entries: number;
  exits: number;
  peak: number;
  sawEnterLeave: boolean;
  sawLeave: boolean;
  platformViewers: number | null;
  viewers: DistinctCheckpoint;
}
