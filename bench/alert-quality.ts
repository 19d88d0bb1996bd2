// Alert quality on labelled simulated streams (server/sources/simulator/families.ts): four families (classic:
// the original simulator; realistic: lagged orders and single-stage dips; sampled public feeds; new rooms),
// 30 to 50,000 online, first and repeat streams, every dip kind at depths 15–50 %, sudden and gradual, some
// streams with a feed blackout. The detector as it is today ('classic' strategy with the rules it shipped
// with) and the sequential one judge the same engine input in the same run. Seeds 1–999 are the tuning set
// (BENCH_ALERT_SET=tuning); only the held-out set (seeds from 5001) is reported by default.
import type { Strategy } from '../server/alerts/alert-evaluator.ts';
import type { DipKind } from '../server/sources/simulator/dips.ts';
import { FAMILIES, planStream, type StreamPlan } from '../server/sources/simulator/families.ts';
import { DIP_RULES, type DipScore, type StreamScore, scoreStream } from './alert-score.ts';
import { type Blackout, runStream, STRATEGIES } from './alert-streams.ts';
import { fmt, percentile, printRows, type Row } from './lib.ts';

const SET = process.env.BENCH_ALERT_SET === 'tuning' ? 'tuning' : 'held-out';
const SEED_BASE = SET === 'tuning' ? 1 : 5001;
const STREAMS = Number(process.env.BENCH_ALERT_STREAMS ?? 64);
/** Subsets for quick tuning runs (tuning seeds only): one dip kind, one family, rooms within a size range. */
const ONLY = process.env.BENCH_ALERT_KIND as DipKind | undefined;
const ONLY_FAMILY = process.env.BENCH_ALERT_FAMILY;
const MIN_ONLINE = Number(process.env.BENCH_ALERT_MIN_ONLINE ?? 0);
const MAX_ONLINE = Number(process.env.BENCH_ALERT_MAX_ONLINE ?? Infinity);
const SUBSET = ONLY !== undefined || ONLY_FAMILY !== undefined || MIN_ONLINE > 0 || MAX_ONLINE < Infinity;
if (SET === 'held-out' && (SUBSET || STREAMS !== 64)) {
  throw new Error('subsets and other stream counts are for the tuning set (BENCH_ALERT_SET=tuning) only');
}
const MIN = 60_000;
/** Cycled per stream; the two biggest rooms get shorter streams to keep the run to a few minutes. */
const SIZES = [30, 60, 120, 250, 600, 1200, 2000, 4000, 150, 300, 800, 1500, 50_000, 90, 450, 10_000];
const KINDS: DipKind[] = ['clickToOrder', 'clickRate', 'payment', 'arrivals', 'retention'];
const DEPTHS = [0.15, 0.25, 0.35, 0.5, 0.3, 0.45, 0.2, 0.4];

export function plans(): StreamPlan[] {
  const out: StreamPlan[] = [];
  for (let i = 0; i < STREAMS; i++) {
    const family = FAMILIES[i % FAMILIES.length]!;
    const size = SIZES[i % SIZES.length]!;
    const kind =
      family === 'classic' ? (i % 8 < 4 ? 'retention' : 'conversion') : KINDS[Math.floor(i / 4) % KINDS.length]!;
    if (ONLY && kind !== ONLY) continue;
    if ((ONLY_FAMILY && family !== ONLY_FAMILY) || size < MIN_ONLINE || size > MAX_ONLINE) continue;
    const big = size >= 10_000;
    out.push(
      planStream(SEED_BASE + i, {
        family,
        peakOnline: size,
        kind,
        depth: DEPTHS[i % DEPTHS.length]!,
        durationMin: big ? 30 : 45,
        previousMin: big ? 15 : 30,
      }),
    );
  }
  return out;
}

/** Every fifth stream loses its feed for 3 minutes, away from its dip. */
function blackoutOf(i: number, p: StreamPlan): Blackout | null {
  if (i % 5 !== 2) return null;
  const l = p.labels[0];
  const startTs =
    l && l.startTs - p.options.startTs > 20 * MIN
      ? p.options.startTs + 8 * MIN
      : (l?.endTs ?? p.options.startTs) + 6 * MIN;
  return { startTs, endTs: startTs + 3 * MIN };
}

interface Summary {
  recall: number;
  n: number;
  median: number;
  p90: number;
}

function summarise(dips: DipScore[], k: Strategy): Summary {
  const hits = dips.filter((d) => d.hit[k]);
  const delays = hits.map((d) => d.delayMs[k]!).sort((a, b) => a - b);
  return {
    recall: dips.length ? hits.length / dips.length : Number.NaN,
    n: dips.length,
    median: percentile(delays, 50) / 1000,
    p90: percentile(delays, 90) / 1000,
  };
}

const pair = (f: (k: Strategy) => string) => `${f('classic')} → ${f('sequential')}`;
const pctOf = (dips: DipScore[], k: Strategy) => `${dips.filter((d) => d.hit[k]).length}/${dips.length}`;

export function benchAlertQuality(): Row[] {
  const ps = plans();
  const scores: StreamScore[] = ps.map((p, i) => scoreStream(runStream(p, blackoutOf(i, p)), STRATEGIES));
  const dips = scores.flatMap((s) => s.dips);
  const targeted = dips.filter((d) => d.detectable && d.label.depth >= 0.25);
  const hours = scores.reduce((a, s) => a + s.hours, 0);
  const fa = (k: Strategy) => (scores.reduce((a, s) => a + s.falseAlarms[k], 0) / hours) * 4;
  const stale = (k: Strategy) => scores.reduce((a, s) => a + s.staleCalls[k], 0);
  const all = (k: Strategy) =>
    summarise(
      dips.filter((d) => d.detectable),
      k,
    );
  const t = (k: Strategy) => summarise(targeted, k);
  const rows: Row[] = [
    {
      name: `${SET} set: streams, simulated hours, dips (detectable)`,
      value: `${ps.length}, ${fmt(hours, 1)}, ${dips.length} (${dips.filter((d) => d.detectable).length})`,
    },
    { name: 'columns: today’s detector → sequential', value: '' },
    {
      name: `recall, detectable dips ≥ 25 % (${targeted.length})`,
      value: pair((k) => `${fmt(t(k).recall * 100, 0)}%`),
      target: '≥ 95 %',
      pass: t('sequential').recall >= 0.95,
    },
    { name: 'recall, all detectable dips', value: pair((k) => `${fmt(all(k).recall * 100, 0)}%`) },
    {
      name: 'median detection delay, s',
      value: pair((k) => fmt(all(k).median, 0)),
      target: '≤ 30',
      pass: all('sequential').median <= 30,
    },
    { name: 'p90 detection delay, s', value: pair((k) => fmt(all(k).p90, 0)) },
    { name: 'false alarms per 4 hours', value: pair((k) => fmt(fa(k), 2)), target: '≤ 1', pass: fa('sequential') <= 1 },
    {
      name: 'dip rules fired during a feed blackout',
      value: pair((k) => String(stale(k))),
      target: '0',
      pass: stale('sequential') === 0,
    },
  ];
  for (const kind of Object.keys(DIP_RULES) as DipKind[]) {
    const ds = dips.filter((d) => d.label.kind === kind && d.detectable);
    if (ds.length > 0) rows.push({ name: `  recall ${kind} (detectable)`, value: pair((k) => pctOf(ds, k)) });
  }
  for (const [name, lo, hi] of [
    ['30–299', 0, 300],
    ['300–1,999', 300, 2000],
    ['2,000–50,000', 2000, Infinity],
  ] as const) {
    const ds = dips.filter((d) => d.detectable && d.size >= lo && d.size < hi);
    rows.push({ name: `  recall ${name} online (detectable)`, value: pair((k) => pctOf(ds, k)) });
  }
  const first = dips.filter((d) => d.detectable && !d.repeat);
  rows.push({ name: "  recall, a room's first stream (detectable)", value: pair((k) => pctOf(first, k)) });
  const roomTargeted = dips.filter((d) => d.roomDetectable && d.label.depth >= 0.25);
  rows.push({
    name: '  recall ≥ 25 % by the room-wide bound (as first benchmarked)',
    value: `${roomTargeted.length} dips: ${pair((k) => `${fmt(summarise(roomTargeted, k).recall * 100, 0)}%`)}`,
  });
  const hard = dips.filter((d) => !d.detectable);
  rows.push({
    name: 'not detectable within their duration (reported apart)',
    value: `${hard.length}: caught ${pair((k) => String(hard.filter((d) => d.hit[k]).length))}`,
  });
  if (process.env.BENCH_DEBUG) debug(scores, dips);
  return rows;
}

function debug(scores: StreamScore[], dips: DipScore[]): void {
  for (const s of scores) for (const f of s.falseDetail) console.error(`false: ${f}`);
  for (const d of dips) {
    const at = d.delayMs.sequential === null ? 'missed' : `${Math.round(d.delayMs.sequential / 1000)} s`;
    const old = d.delayMs.classic === null ? 'missed' : `${Math.round(d.delayMs.classic / 1000)} s`;
    console.error(
      `dip ${d.label.kind} ${d.family}/${d.size}${d.repeat ? 'r' : 'f'} depth ${d.label.depth}${d.label.gradual ? ' gradual' : ''} info ${d.info.toFixed(1)}${d.detectable ? '' : d.roomDetectable ? ' (n/d; room-wide d)' : ' (n/d)'}: seq ${at}, classic ${old}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows(`Alert quality (${SET} seeds)`, benchAlertQuality());
}
