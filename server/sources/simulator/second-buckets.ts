// Things due in later simulated seconds (departures, payments, refunds), kept in one bucket per second on a
// ring. Adding one and taking a whole second are O(1): a 50,000-viewer room schedules ~900 departures a second,
// and a heap would pay O(log n) for each of them.
const RING_SECONDS = 1 << 15; // ~9 h: longer than any stay or delay the simulator draws

export class SecondBuckets<T> {
  private readonly ring: (T[] | undefined)[] = new Array(RING_SECONDS);
  private count = 0;

  /** Items waiting, whatever their second. */
  get size(): number {
    return this.count;
  }

  /** `second` is an absolute second index; it must be ahead of `current` by less than the ring. */
  add(current: number, second: number, item: T): void {
    if (second <= current || second - current >= RING_SECONDS) {
      throw new RangeError(`second ${second} outside the schedulable range after ${current}`);
    }
    const i = second & (RING_SECONDS - 1);
    const bucket = this.ring[i];
    if (bucket) bucket.push(item);
    else this.ring[i] = [item];
    this.count++;
  }

  /** Removes and returns everything due in `second` (empty array if nothing). */
  take(second: number): T[] {
    const i = second & (RING_SECONDS - 1);
    const bucket = this.ring[i];
    if (!bucket) return [];
    this.ring[i] = undefined;
    this.count -= bucket.length;
    return bucket;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.count = 0;
  }
}
