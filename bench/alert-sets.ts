// The two sets of labelled streams the alerts bench plays, decided before any tuning on them. The tuning set
// (seeds from 1) is the one detectors may be tuned on. The held-out set (seeds from 5001) differs in structure,
// not only in seed: another product rotation, another click→order lag shape, dips placed across product switches
// and on first explanations, rooms without an earlier session, and the platform-shaped feed. It is only ever
// reported, never tuned on; the bench prints each parameter in which the two differ.
import type { DipKind } from '../server/sources/simulator/dips.ts';
import { FAMILIES, type Family, planStream, type StreamPlan } from '../server/sources/simulator/families.ts';
import { Rng } from '../server/sources/simulator/rng.ts';

export type SetName = 'tuning' | 'held-out';

export interface StreamSet {
  name: SetName;
  /** One line per structural parameter (the same keys in both sets), as printed by the bench. */
  structure: Record<string, string>;
  plans(count: number, keep?: (p: StreamPlan) => boolean): StreamPlan[];
}

const KINDS: DipKind[] = ['clickToOrder', 'clickRate', 'payment', 'arrivals', 'retention'];
const MIN = 60_000;

/** Cycled per stream; the two biggest rooms get shorter streams to keep the run to a few minutes. */
const TUNING_SIZES = [30, 60, 120, 250, 600, 1200, 2000, 4000, 150, 300, 800, 1500, 50_000, 90, 450, 10_000];
const TUNING_DEPTHS = [0.15, 0.25, 0.35, 0.5, 0.3, 0.45, 0.2, 0.4];

function tuningPlans(count: number, keep: (p: StreamPlan) => boolean = () => true): StreamPlan[] {
  const out: StreamPlan[] = [];
  for (let i = 0; i < count; i++) {
    const family = FAMILIES[i % FAMILIES.length]!;
    const size = TUNING_SIZES[i % TUNING_SIZES.length]!;
    const kind =
      family === 'classic' ? (i % 8 < 4 ? 'retention' : 'conversion') : KINDS[Math.floor(i / 4) % KINDS.length]!;
    const big = size >= 10_000;
    const p = planStream(1 + i, {
      family,
      peakOnline: size,
      kind,
      depth: TUNING_DEPTHS[i % TUNING_DEPTHS.length]!,
      durationMin: big ? 30 : 45,
      previousMin: big ? 15 : 30,
    });
    if (keep(p)) out.push(p);
  }
  return out;
}

const HELD_OUT_FAMILIES: Family[] = ['realistic', 'platform'];

function heldOutPlans(count: number, keep: (p: StreamPlan) => boolean = () => true): StreamPlan[] {
  const out: StreamPlan[] = [];
  for (let i = 0; i < count; i++) {
    const seed = 5001 + i;
    const rng = new Rng(seed * 104_729 + 3);
    // Every third room is small (30–299 online), the rest 300–5,000, log-uniform.
    const [lo, hi] = i % 3 === 0 ? [30, 299] : [300, 5000];
    const p = planStream(seed, {
      family: HELD_OUT_FAMILIES[i % HELD_OUT_FAMILIES.length]!,
      peakOnline: Math.round(lo * (hi / lo) ** rng.next()),
      kind: KINDS[Math.floor(i / 4) % KINDS.length]!,
      depth: Math.round(rng.range(0.25, 0.5) * 100) / 100,
      durationMin: 45,
      pace: { segmentMs: [1.5 * MIN, 4 * MIN], gapMs: [10_000, 30_000] },
      delays: 'bimodal',
      placement: Math.floor(i / 2) % 2 === 0 ? 'switch' : 'first',
      repeat: false,
      dipMin: [4, 8],
    });
    if (keep(p)) out.push(p);
  }
  return out;
}

export const SETS: Record<SetName, StreamSet> = {
  tuning: {
    name: 'tuning',
    plans: tuningPlans,
    structure: {
      seeds: 'from 1',
      families: FAMILIES.join(', '),
      'room sizes': '30–50,000 online, cycled',
      'product segments': '3–8 min, 20–60 s between',
      'click→order lag': 'log-normal, median 12 s',
      'dip placement': 'anywhere after 12 min',
      'earlier session': 'half of the rooms',
      'dip length': '4–10 min',
      'dip depth': '15–50 %',
    },
  },
  'held-out': {
    name: 'held-out',
    plans: heldOutPlans,
    structure: {
      seeds: 'from 5001',
      families: HELD_OUT_FAMILIES.join(', '),
      'room sizes': '30–299 (a third) and 300–5,000',
      'product segments': '1.5–4 min, 10–30 s between',
      'click→order lag': 'bimodal: 55 % within ~7 s, 45 % 20–75 s',
      'dip placement': 'across a switch, or on a first explanation',
      'earlier session': 'none',
      'dip length': '4–8 min',
      'dip depth': '25–50 %',
    },
  },
};

/** The structural parameters in which the two sets differ: name, tuning, held-out. */
export function differences(): [string, string, string][] {
  const t = SETS.tuning.structure;
  const h = SETS['held-out'].structure;
  return Object.keys(t)
    .filter((k) => t[k] !== h[k])
    .map((k) => [k, t[k]!, h[k]!]);
}
