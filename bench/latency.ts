// Per-screen latency: for every screen and every acknowledged batch, the time from the batch's acknowledgement
// to that screen's first update whose comment total covers it. Batches are ranked in acknowledgement order; a
// batch counts as included once the total reaches the base plus every batch acknowledged up to it (the server
// applies a batch before it answers, so at its acknowledgement all earlier-acknowledged batches are applied).
import { percentile } from './lib.ts';

export interface LatencySummary {
  samples: number;
  /** Screen × batch pairs never seen before the end of the run. */
  missing: number;
  /** Pairs seen before the acknowledgement reached the pusher (counted as 0 ms). */
  early: number;
  p50: number;
  p99: number;
  max: number;
}

interface SeenBy {
  seenComments: number[];
  seenAt: number[];
}

export function latencyOverScreens(screens: SeenBy[], acks: number[], thresholds: number[]): LatencySummary {
  const all = new Float64Array(screens.length * acks.length);
  let k = 0;
  let missing = 0;
  let early = 0;
  for (const s of screens) {
    let j = 0;
    for (let b = 0; b < acks.length; b++) {
      while (j < s.seenComments.length && s.seenComments[j]! < thresholds[b]!) j++;
      if (j === s.seenComments.length) {
        missing += acks.length - b;
        break;
      }
      const d = s.seenAt[j]! - acks[b]!;
      if (d < 0) early++;
      all[k++] = Math.max(0, d);
    }
  }
  const sorted = Array.from(all.subarray(0, k)).sort((a, b) => a - b);
  return {
    samples: k,
    missing,
    early,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}
