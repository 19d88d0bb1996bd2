// Families of labelled simulated streams for alert benchmarks and tests. One seed gives one plan: a room
// (its size, a first or a repeat stream of its shop), a feed (complete, or sampled as public feeds are), and
// at most one dip with its label (kind, stage, start, end, depth). The original simulator (orders at the click,
// click and order dipping together) is one family among the others.
import type { LiveEvent } from '../../../shared/events.ts';
import type { FunnelDelays } from './commerce.ts';
import { DIP_KINDS, DIP_STAGE, type DipKind, type DipSpec } from './dips.ts';
import { Rng } from './rng.ts';
import { type ShowPace, showSchedule } from './run-of-show.ts';
import type { SimulatorOptions } from './simulator.ts';

export const FAMILIES = ['classic', 'realistic', 'sampled', 'new-room'] as const;
/** 'platform': shaped like a platform's feed (platform-feed.ts); held out of the random draw of a family. */
export type Family = (typeof FAMILIES)[number] | 'platform';

export interface DipLabel {
  kind: DipKind;
  stage: (typeof DIP_STAGE)[DipKind];
  /** Event time, ms. */
  startTs: number;
  endTs: number;
  depth: number;
  gradual: boolean;
}

export interface StreamPlan {
  seed: number;
  family: Family;
  peakOnline: number;
  /** The stream itself (startTs, durationMs, dips set). */
  options: SimulatorOptions;
  /** A dip-free earlier session of the same shop (repeat streams), fed first; null for a room's first stream. */
  previous: SimulatorOptions | null;
  labels: DipLabel[];
}

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 12);

export interface PlanOptions {
  peakOnline?: number;
  family?: Family;
  kind?: DipKind | 'none';
  depth?: number;
  durationMin?: number;
  previousMin?: number;
  /** Structure (held-out sets differ in these, not only in seed). Default: the simulator's own run of show. */
  pace?: Omit<ShowPace, 'seed'>;
  /** Default: instant for classic, realistic otherwise. */
  delays?: FunnelDelays;
  /** Where the dip starts: anywhere (default), 30–120 s before a product switch, or 5–30 s into a product's
   * first explanation (needs `pace`). */
  placement?: 'random' | 'switch' | 'first';
  /** Whether the shop had an earlier session: default half of the streams (never for new-room). */
  repeat?: boolean;
  /** Dip length range, minutes (default 4–10). */
  dipMin?: [number, number];
}

/** Sizes drawn log-uniformly from 30 to 50,000 online unless given. */
export function planStream(seed: number, o: PlanOptions = {}): StreamPlan {
  const rng = new Rng(seed * 7919 + 17);
  const family = o.family ?? rng.pick(FAMILIES);
  const peakOnline = o.peakOnline ?? Math.round(30 * (50_000 / 30) ** rng.next());
  const durationMin = o.durationMin ?? 45;
  const kinds =
    family === 'classic' ? (['retention', 'conversion'] as const) : DIP_KINDS.filter((k) => k !== 'conversion');
  const kind = o.kind ?? rng.pick(kinds);
  const pace = o.pace ? { ...o.pace, seed: seed * 31 + 7 } : undefined;
  let startMs = Math.round(rng.range(12, Math.max(12, durationMin - 14)) * MIN);
  const [dipLo, dipHi] = o.dipMin ?? [4, 10];
  const dipMs = kind === 'none' ? 0 : Math.round(rng.range(dipLo, dipHi)) * MIN;
  if (pace && o.placement && o.placement !== 'random')
    startMs = placed(rng, pace, o.placement, durationMin, dipMs) ?? startMs;
  const dip: DipSpec | null =
    kind === 'none'
      ? null
      : {
          kind,
          atMs: Math.round(startMs / 1000) * 1000,
          durationMs: dipMs,
          depth: o.depth ?? Math.round(rng.range(0.15, 0.5) * 100) / 100,
          rampMs: rng.chance(0.3) ? Math.round(rng.range(1, 3)) * MIN : 0,
        };
  const shop = seed + 100_000;
  const base: SimulatorOptions = {
    seed,
    catalogueSeed: shop,
    startTs: T0,
    peakOnline,
    durationMs: durationMin * MIN,
    delays: o.delays ?? (family === 'classic' ? 'instant' : 'realistic'),
    ...(family === 'sampled' ? { feed: { share: rng.range(0.3, 0.8), enterLeave: false } } : {}),
    ...(family === 'platform' ? { feed: { share: rng.range(0.3, 0.8), platform: true } } : {}),
    ...(pace ? { show: pace } : {}),
  };
  const options: SimulatorOptions = { ...base, dips: dip ? [dip] : [] };
  const repeat = family !== 'new-room' && (o.repeat ?? rng.chance(0.5));
  const previousMin = o.previousMin ?? 30;
  const previous = repeat
    ? { ...base, seed: seed + 200_000, startTs: T0 - (previousMin + 60) * MIN, durationMs: previousMin * MIN, dips: [] }
    : null;
  const labels = dip ? [labelOf(dip, T0)] : [];
  return { seed, family, peakOnline, options, previous, labels };
}

/** A dip start across a switch, or on a product's first explanation, within [12 min, end − dip − 2 min]. */
function placed(
  rng: Rng,
  pace: ShowPace,
  placement: 'switch' | 'first',
  durationMin: number,
  dipMs: number,
): number | null {
  const lo = 12 * MIN;
  const hi = durationMin * MIN - dipMs - 2 * MIN;
  const starts = showSchedule(pace, 8, durationMin * MIN)
    .filter((s) => placement === 'switch' || s.first)
    .map((s) => (placement === 'switch' ? s.startMs - rng.range(30_000, 120_000) : s.startMs + rng.range(5000, 30_000)))
    .filter((t) => t >= lo && t <= hi);
  return starts.length > 0 ? rng.pick(starts) : null;
}

export function labelOf(d: DipSpec, startTs: number): DipLabel {
  return {
    kind: d.kind,
    stage: DIP_STAGE[d.kind],
    startTs: startTs + d.atMs,
    endTs: startTs + d.atMs + d.durationMs,
    depth: d.depth,
    gradual: (d.rampMs ?? 0) > 0,
  };
}

/** Whether a product switch (an explain_start) falls inside the dip: the history must not restart there. */
export function spansSwitch(label: DipLabel, events: readonly LiveEvent[]): boolean {
  return events.some((e) => e.type === 'explain_start' && e.ts > label.startTs && e.ts < label.endTs);
}
