// Per-minute counters keyed by event time, in a fixed ring: memory stays constant over a 4-hour stream.
// A late event lands in its own minute while that minute is still in the ring; older ones only reach the
// session totals (kept elsewhere).
import { MINUTE_BUCKETS, WINDOW_MS } from '../../shared/constants.ts';

export const MINUTE_FIELDS = [
  'entries',
  'exits',
  'comments',
  'likes',
  'productExposures',
  'clicks',
  'orders',
  'gmv',
  'paid',
  'paidOrders',
  'negative',
] as const;
export type MinuteField = (typeof MINUTE_FIELDS)[number];

/** Gauges sampled at the end of each minute (last value wins). */
export const MINUTE_GAUGES = ['online', 'avgWatchSeconds'] as const;
export type MinuteGauge = (typeof MINUTE_GAUGES)[number];

export interface Bucket {
  minute: number;
  sums: Record<MinuteField, number>;
  gauges: Record<MinuteGauge, number | null>;
}

function emptyBucket(minute: number): Bucket {
  const sums = Object.fromEntries(MINUTE_FIELDS.map((f) => [f, 0])) as Record<MinuteField, number>;
  return { minute, sums, gauges: { online: null, avgWatchSeconds: null } };
}

export class MinuteBuckets {
  private readonly ring: Bucket[];

  constructor(private readonly size = MINUTE_BUCKETS) {
    this.ring = Array.from({ length: size }, () => emptyBucket(-1));
  }

  private bucket(ts: number): Bucket | null {
    const minute = Math.floor(ts / WINDOW_MS);
    const slot = this.ring[minute % this.size]!;
    if (slot.minute === minute) return slot;
    if (slot.minute > minute) return null; // older than the ring
    const fresh = emptyBucket(minute);
    this.ring[minute % this.size] = fresh;
    return fresh;
  }

  checkpoint(): Bucket[] {
    return this.ring.map((b) => ({ minute: b.minute, sums: { ...b.sums }, gauges: { ...b.gauges } }));
  }

  restore(ring: Bucket[]): void {
    if (ring.length !== this.size) throw new RangeError(`minute ring of ${ring.length}, want ${this.size}`);
    ring.forEach((b, i) => {
      this.ring[i] = { minute: b.minute, sums: { ...emptyBucket(0).sums, ...b.sums }, gauges: { ...b.gauges } };
    });
  }

  add(ts: number, field: MinuteField, amount = 1): void {
    const b = this.bucket(ts);
    if (b) b.sums[field] += amount;
  }

  setGauge(ts: number, gauge: MinuteGauge, value: number | null): void {
    const b = this.bucket(ts);
    if (b) b.gauges[gauge] = value;
  }

  /**
   * Sum of `field` over event time [fromTs, toTs) where toTs <= nowTs. Minutes only partly inside the range
   * are prorated, assuming events spread evenly inside a minute; the current minute holds data only up to
   * `nowTs`, so it is prorated over the part that has elapsed.
   */
  windowSum(field: MinuteField, nowTs: number, fromTs: number, toTs: number): number {
    let total = 0;
    for (let m = Math.floor(fromTs / WINDOW_MS); m * WINDOW_MS < toTs; m++) {
      const b = this.ring[((m % this.size) + this.size) % this.size]!;
      if (b.minute !== m || b.sums[field] === 0) continue;
      const lo = m * WINDOW_MS;
      const hi = Math.min(lo + WINDOW_MS, Math.max(nowTs, lo + 1));
      const overlap = Math.min(hi, toTs) - Math.max(lo, fromTs);
      if (overlap > 0) total += (b.sums[field] * overlap) / (hi - lo);
    }
    return total;
  }

  /** Sum over the last `ms` of event time ending at `nowTs`. */
  lastSum(field: MinuteField, nowTs: number, ms = WINDOW_MS): number {
    return this.windowSum(field, nowTs, nowTs - ms, nowTs);
  }

  /** The gauge's last sample in the minute `minutesAgo` before the minute of `nowTs`, or null. */
  gaugeAt(gauge: MinuteGauge, nowTs: number, minutesAgo: number): number | null {
    const m = Math.floor(nowTs / WINDOW_MS) - minutesAgo;
    const b = this.ring[((m % this.size) + this.size) % this.size]!;
    return b.minute === m ? b.gauges[gauge] : null;
  }
}
