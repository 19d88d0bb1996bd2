// Newcombe's hybrid score interval for the difference of two proportions (p1 − p2), built from each one's
// Wilson interval. Unlike a Wilson interval on the recent rate alone, it counts the baseline's own
// uncertainty: a baseline of 6 orders in 30 clicks is no firm ground to call a drop from.
import { wilson } from './wilson.ts';

export interface Difference {
  diff: number;
  lo: number;
  hi: number;
}

export function rateDifference(s1: number, n1: number, s2: number, n2: number, z = 1.96): Difference | null {
  const a = wilson(s1, n1, z);
  const b = wilson(s2, n2, z);
  if (!a || !b) return null;
  const p1 = s1 / n1;
  const p2 = s2 / n2;
  const diff = p1 - p2;
  return {
    diff,
    lo: diff - Math.sqrt((p1 - a.lo) ** 2 + (b.hi - p2) ** 2),
    hi: diff + Math.sqrt((a.hi - p1) ** 2 + (p2 - b.lo) ** 2),
  };
}
