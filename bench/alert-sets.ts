// The two sets of labelled streams the alerts bench plays. The tuning set is the one the detectors were tuned
// on (seeds from 1); the held-out set (seeds from 5001) is only ever reported, never tuned on.
import type { DipKind } from '../server/sources/simulator/dips.ts';
import { FAMILIES, planStream, type StreamPlan } from '../server/sources/simulator/families.ts';

export type SetName = 'tuning' | 'held-out';

export interface StreamSet {
  name: SetName;
  /** One line per structural parameter, as printed by the bench. */
  structure: Record<string, string>;
  plans(count: number, keep?: (p: StreamPlan) => boolean): StreamPlan[];
}

/** Cycled per stream; the two biggest rooms get shorter streams to keep the run to a few minutes. */
const SIZES = [30, 60, 120, 250, 600, 1200, 2000, 4000, 150, 300, 800, 1500, 50_000, 90, 450, 10_000];
const KINDS: DipKind[] = ['clickToOrder', 'clickRate', 'payment', 'arrivals', 'retention'];
const DEPTHS = [0.15, 0.25, 0.35, 0.5, 0.3, 0.45, 0.2, 0.4];

function seeded(seedBase: number) {
  return (count: number, keep: (p: StreamPlan) => boolean = () => true): StreamPlan[] => {
    const out: StreamPlan[] = [];
    for (let i = 0; i < count; i++) {
      const family = FAMILIES[i % FAMILIES.length]!;
      const size = SIZES[i % SIZES.length]!;
      const kind =
        family === 'classic' ? (i % 8 < 4 ? 'retention' : 'conversion') : KINDS[Math.floor(i / 4) % KINDS.length]!;
      const big = size >= 10_000;
      const p = planStream(seedBase + i, {
        family,
        peakOnline: size,
        kind,
        depth: DEPTHS[i % DEPTHS.length]!,
        durationMin: big ? 30 : 45,
        previousMin: big ? 15 : 30,
      });
      if (keep(p)) out.push(p);
    }
    return out;
  };
}

const TUNING_STRUCTURE = {
  families: FAMILIES.join(', '),
  sizes: '30–50,000 online, cycled',
};

export const SETS: Record<SetName, StreamSet> = {
  tuning: { name: 'tuning', structure: TUNING_STRUCTURE, plans: seeded(1) },
  'held-out': { name: 'held-out', structure: TUNING_STRUCTURE, plans: seeded(5001) },
};
