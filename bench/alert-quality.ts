// Alert quality on simulated streams with injected dips, from 50- to 50,000-viewer rooms: recall (a dip is
// caught by its rule before it ends + 2 min), median detection delay, and false alarms (dip rules firing away
// from any dip) per 4 hours. Dips begin anywhere from 20 to 92 minutes in, so some fall in a product's first
// explanation and some in a later one (返场), where its earlier segments give a baseline. Each stream follows a
// dip-free session of the same shop the day before (its false alarms count too), as a shop streams daily; a
// second set of the conversion streams runs as a room's very first stream, with no product history. The real runtime (engine, per-second evaluation, default rules) runs in process
// at full speed; hot words get a trivial tokenizer since no alert reads them.

import { DEFAULT_RULES } from '../server/alerts/default-rules.ts';
import { RoomRuntime } from '../server/rooms/room-runtime.ts';
import { createSimulator, type DipSpec, type Simulator } from '../server/sources/simulator/simulator.ts';
import type { Alert } from '../shared/alerts.ts';
import type { Product } from '../shared/events.ts';
import { fmt, percentile, printRows, type Row } from './lib.ts';

const SIZES = [50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];
const STREAMS = Number(process.env.BENCH_ALERT_STREAMS ?? 30);
/** For tuning: run only the streams of one dip kind (the figures then cover those alone). */
const ONLY_KIND = process.env.BENCH_ALERT_KIND;
/** Another set of random streams, to see how much the figures move between sets. */
const SEED_BASE = Number(process.env.BENCH_ALERT_SEED ?? 1000);
const MIN = 60_000;
/** Where the dip begins, minutes into the stream; the stream runs on 15 minutes after it. */
const DIP_AT_MIN = [20, 32, 44, 56, 68, 80, 92];
const DIP_RULES: Partial<Record<DipSpec['kind'], string[]>> = {
  retention: ['online-drop'],
  conversion: ['click-rate-drop', 'order-rate-drop'],
};
const FALSE_ALARM_RULES = new Set([
  'online-drop',
  'watch-drop',
  'click-rate-drop',
  'order-rate-drop',
  'interaction-drop',
]);

interface StreamResult {
  size: number;
  atMin: number;
  kind: DipSpec['kind'];
  detected: boolean;
  delayMs: number | null;
  falseAlarms: number;
  hours: number;
}

const kindOf = (k: number): 'retention' | 'conversion' =>
  Math.floor(k / SIZES.length) % 2 === 0 ? 'retention' : 'conversion';
/** The day before: a dip-free session of the same shop (same products, same rates), ending an hour earlier. */
const YESTERDAY_MIN = 45;

function newRuntime(k: number, catalogue: Product[], raised: Alert[]): RoomRuntime {
  return new RoomRuntime(
    `q${k}`,
    { tokenize: () => [], addWords: () => {} },
    catalogue,
    { putState: () => {} },
    DEFAULT_RULES,
    {
      alerts: (_r, events) => raised.push(...events.filter((e) => e.type === 'raised').map((e) => e.alert)),
      cues: () => {},
    },
  );
}

/** Second by second through [from, to], as the live ticker would. */
function feed(runtime: RoomRuntime, sim: Simulator, from: number, to: number): void {
  for (let t = from + 1000; t <= to; t += 1000) {
    runtime.applyEvents(sim.advance(t));
    runtime.tick(t);
  }
}

function runStream(k: number, withHistory: boolean): StreamResult {
  const size = SIZES[k % SIZES.length]!;
  const kind = kindOf(k);
  const atMin = DIP_AT_MIN[(k * 3) % DIP_AT_MIN.length]!;
  const durationMin = atMin + 15;
  const t0 = Date.UTC(2026, 0, 2, 12);
  const dip: DipSpec = { kind, atMs: atMin * MIN, durationMs: 6 * MIN, depth: 0.5 + (k % 3) * 0.05 };
  const shop = withHistory ? { catalogueSeed: SEED_BASE + k } : {};
  const sim = createSimulator({ seed: SEED_BASE + k, ...shop, startTs: t0, peakOnline: size, dips: [dip] });
  const raised: Alert[] = [];
  const runtime = newRuntime(k, sim.catalogue, raised);
  let hours = durationMin / 60;
  if (withHistory) {
    // Fed for 45 minutes while still live: the close (everyone leaves at once) is not a dip to measure here.
    const y0 = t0 - (YESTERDAY_MIN + 60) * MIN;
    const before = createSimulator({ seed: SEED_BASE + 500 + k, ...shop, startTs: y0, peakOnline: size });
    feed(runtime, before, y0, y0 + YESTERDAY_MIN * MIN);
    hours += YESTERDAY_MIN / 60;
  }
  feed(runtime, sim, t0, t0 + durationMin * MIN);
  const start = t0 + dip.atMs;
  const end = start + dip.durationMs;
  const hit = raised.find(
    (a) => DIP_RULES[kind]!.includes(a.ruleId) && a.firedAt! >= start && a.firedAt! <= end + 2 * MIN,
  );
  const falseOnes = raised.filter(
    (a) => FALSE_ALARM_RULES.has(a.ruleId) && (a.activeAt < start || a.activeAt > end + 5 * MIN),
  );
  if (process.env.BENCH_DEBUG) {
    for (const a of falseOnes) {
      console.error(
        `false alarm: ${a.ruleId} size ${size} at ${(a.activeAt - t0) / MIN} min value ${a.value} baseline ${a.baseline}`,
      );
    }
  }
  const delayMs = hit ? hit.firedAt! - start : null;
  return { size, atMin, kind, detected: !!hit, delayMs, falseAlarms: falseOnes.length, hours };
}

function summary(results: StreamResult[]) {
  const detected = results.filter((r) => r.detected);
  const delays = detected.map((r) => r.delayMs!).sort((a, b) => a - b);
  const hours = results.reduce((a, r) => a + r.hours, 0);
  return {
    recall: detected.length / results.length,
    median: percentile(delays, 50) / 1000,
    hours,
    fa: (results.reduce((a, r) => a + r.falseAlarms, 0) / hours) * 4,
    missed: results.filter((r) => !r.detected).map((r) => `${r.kind[0]}${r.size}@${r.atMin}′`),
  };
}

export function benchAlertQuality(): Row[] {
  const ks = [...Array(STREAMS).keys()].filter((k) => !ONLY_KIND || kindOf(k) === ONLY_KIND);
  const results = ks.map((k) => runStream(k, true));
  // A room's very first stream: no product has a history, so a conversion dip that begins as a product is
  // first explained has nothing to be told from. Retention needs no product history: conversion streams only.
  const first = summary(ks.filter((k) => kindOf(k) === 'conversion').map((k) => runStream(k, false)));
  const s = summary(results);
  const byKind = (kind: DipSpec['kind']) => {
    const rs = results.filter((r) => r.kind === kind);
    return `${rs.filter((r) => r.detected).length}/${rs.length}`;
  };
  return [
    {
      name: `streams (sizes ${SIZES[0]}–${SIZES[SIZES.length - 1]} viewers, each after a dip-free day), simulated hours`,
      value: `${results.length}, ${fmt(s.hours, 1)}`,
    },
    {
      name: 'recall (dips caught by their rule)',
      value: `${fmt(s.recall * 100, 1)}%`,
      target: '≥ 95 %',
      pass: s.recall >= 0.95,
    },
    {
      name: '  retention dips caught / conversion dips caught',
      value: `${byKind('retention')} / ${byKind('conversion')}`,
    },
    { name: '  missed (kind, size @ minute)', value: s.missed.join(' ') || '—' },
    { name: 'median detection delay, s', value: fmt(s.median, 0), target: '≤ 45', pass: s.median <= 45 },
    { name: 'false alarms per 4 hours (both days)', value: fmt(s.fa, 2), target: '≤ 1', pass: s.fa <= 1 },
    {
      name: "a room's first stream: conversion recall, false alarms / 4 h",
      value: `${fmt(first.recall * 100, 1)}%, ${fmt(first.fa, 2)}  missed ${first.missed.join(' ') || '—'}`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows('Alert quality', benchAlertQuality());
}
