// Wilson score interval for a proportion: honest at small samples, where "3 of 10 clicked" says little.
// z = 1.96 gives the 95 % interval.
export function wilson(successes: number, trials: number, z = 1.96): { lo: number; hi: number } | null {
  if (trials <= 0) return null;
  const p = Math.min(1, Math.max(0, successes / trials));
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}
