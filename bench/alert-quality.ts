// Alert quality on simulated streams with injected dips, from 50- to 50,000-viewer rooms: recall (a dip is
// caught by its rule before it ends + 2 min), median detection delay, and false alarms (dip rules firing away
// from any dip) per 4 hours. Dips begin anywhere from 20 to 92 minutes in, so some fall in a product's first
// explanation and some in a later one (返场), where its earlier segments give a baseline. The real runtime (engine, per-second evaluation, default rules) runs in process
// at full speed; hot words get a trivial tokenizer since no alert reads them.

import { DEFAULT_RULES } from '../server/alerts/default-rules.ts';
import { RoomRuntime } from '../server/rooms/room-runtime.ts';
import { createSimulator, type DipSpec } from '../server/sources/simulator/simulator.ts';
import type { Alert } from '../shared/alerts.ts';
import { fmt, percentile, printRows, type Row } from './lib.ts';

const SIZES = [50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];
const STREAMS = Number(process.env.BENCH_ALERT_STREAMS ?? 30);
/** For tuning: run only the streams of one dip kind (the figures then cover those alone). */
const ONLY_KIND = process.env.BENCH_ALERT_KIND;
const MIN = 60_000;
/** Where the dip begins, minutes into the stream; the stream runs on 15 minutes after it. */
const DIP_AT_MIN = [20, 32, 44, 56, 68, 80, 92];
const DIP_RULES: Record<DipSpec['kind'], string[]> = {
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

const kindOf = (k: number): DipSpec['kind'] => (Math.floor(k / SIZES.length) % 2 === 0 ? 'retention' : 'conversion');

function runStream(k: number): StreamResult {
  const size = SIZES[k % SIZES.length]!;
  const kind = kindOf(k);
  const atMin = DIP_AT_MIN[(k * 3) % DIP_AT_MIN.length]!;
  const durationMin = atMin + 15;
  const t0 = Date.UTC(2026, 0, 1, 12);
  const dip: DipSpec = { kind, atMs: atMin * MIN, durationMs: 6 * MIN, depth: 0.5 + (k % 3) * 0.05 };
  const sim = createSimulator({ seed: 1000 + k, startTs: t0, peakOnline: size, dips: [dip] });
  const raised: Alert[] = [];
  const runtime = new RoomRuntime(
    `q${k}`,
    { tokenize: () => [], addWords: () => {} },
    sim.catalogue,
    { putState: () => {} },
    DEFAULT_RULES,
    {
      alerts: (_r, events) => raised.push(...events.filter((e) => e.type === 'raised').map((e) => e.alert)),
      cues: () => {},
    },
  );
  for (let t = t0 + 1000; t <= t0 + durationMin * MIN; t += 1000) {
    runtime.applyEvents(sim.advance(t));
    runtime.tick(t);
  }
  const start = t0 + dip.atMs;
  const end = start + dip.durationMs;
  const hit = raised.find(
    (a) => DIP_RULES[kind].includes(a.ruleId) && a.firedAt! >= start && a.firedAt! <= end + 2 * MIN,
  );
  const falseAlarms = raised.filter(
    (a) => FALSE_ALARM_RULES.has(a.ruleId) && (a.activeAt < start || a.activeAt > end + 5 * MIN),
  ).length;
  if (process.env.BENCH_DEBUG) {
    for (const a of raised.filter(
      (x) => FALSE_ALARM_RULES.has(x.ruleId) && (x.activeAt < start || x.activeAt > end + 5 * MIN),
    )) {
      console.error(
        `false alarm: ${a.ruleId} size ${size} at ${(a.activeAt - t0) / MIN} min value ${a.value} baseline ${a.baseline}`,
      );
    }
  }
  return {
    size,
    atMin,
    kind,
    detected: !!hit,
    delayMs: hit ? hit.firedAt! - start : null,
    falseAlarms,
    hours: durationMin / 60,
  };
}

export function benchAlertQuality(): Row[] {
  const results: StreamResult[] = [];
  for (let k = 0; k < STREAMS; k++) if (!ONLY_KIND || kindOf(k) === ONLY_KIND) results.push(runStream(k));
  const detected = results.filter((r) => r.detected);
  const delays = detected.map((r) => r.delayMs!).sort((a, b) => a - b);
  const recall = detected.length / results.length;
  const median = percentile(delays, 50) / 1000;
  const hours = results.reduce((a, r) => a + r.hours, 0);
  const fa = (results.reduce((a, r) => a + r.falseAlarms, 0) / hours) * 4;
  const missed = results.filter((r) => !r.detected).map((r) => `${r.kind[0]}${r.size}@${r.atMin}′`);
  const byKind = (kind: DipSpec['kind']) => {
    const rs = results.filter((r) => r.kind === kind);
    return `${rs.filter((r) => r.detected).length}/${rs.length}`;
  };
  return [
    {
      name: `streams (sizes ${SIZES[0]}–${SIZES[SIZES.length - 1]} viewers), simulated hours`,
      value: `${results.length}, ${fmt(hours, 1)}`,
    },
    {
      name: 'recall (dips caught by their rule)',
      value: `${fmt(recall * 100, 1)}%`,
      target: '≥ 95 %',
      pass: recall >= 0.95,
    },
    {
      name: '  retention dips caught / conversion dips caught',
      value: `${byKind('retention')} / ${byKind('conversion')}`,
    },
    { name: '  missed (kind+size)', value: missed.join(' ') || '—' },
    { name: 'median detection delay, s', value: fmt(median, 0), target: '≤ 45', pass: median <= 45 },
    { name: 'false alarms per 4 hours', value: fmt(fa, 2), target: '≤ 1', pass: fa <= 1 },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows('Alert quality', benchAlertQuality());
}
