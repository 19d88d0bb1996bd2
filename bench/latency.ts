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
  /** Samples per whole millisecond (the last bucket holds everything beyond): summaries of several screen
   * processes merge exactly at 1 ms. */
  hist: number[];
}

const HIST_MS = 10_000;

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
  const hist = new Array<number>(HIST_MS + 1).fill(0);
  for (const d of sorted) hist[Math.min(HIST_MS, Math.floor(d))]!++;
  return {
    samples: k,
    missing,
    early,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    hist,
  };
}

/** One summary of several processes' screens: percentiles read off the merged histogram (1 ms steps). */
export function mergeLatency(parts: LatencySummary[]): LatencySummary {
  if (parts.length === 1) return parts[0]!;
  const hist = new Array<number>(HIST_MS + 1).fill(0);
  for (const p of parts)
    p.hist.forEach((n, i) => {
      hist[i]! += n;
    });
  const samples = parts.reduce((a, p) => a + p.samples, 0);
  const at = (q: number) => {
    const rank = Math.min(samples - 1, Math.floor((q / 100) * samples));
    let seen = 0;
    for (let i = 0; i < hist.length; i++) {
      seen += hist[i]!;
      if (seen > rank) return i;
    }
    return Number.NaN;
  };
  return {
    samples,
    missing: parts.reduce((a, p) => a + p.missing, 0),
    early: parts.reduce((a, p) => a + p.early, 0),
    p50: at(50),
    p99: at(99),
    max: Math.max(...parts.map((p) => p.max)),
    hist,
  };
}
