// Alert quality on labelled simulated streams (server/sources/simulator/families.ts), judged against an oracle
// (bench/alert-oracle.ts: exact LLR on the simulator's true rates, from the dip's start, to ln(4 h in s)). The
// detector as it is today ('classic' strategy with the rules it shipped with) and the sequential one judge the
// same engine input in the same run. Two sets (bench/alert-sets.ts): tuning (BENCH_ALERT_SET=tuning) and the
// held-out set, which differs in structure, not only in seed, and is the one reported by default.
import type { Strategy } from '../server/alerts/alert-evaluator.ts';
import type { DipKind } from '../server/sources/simulator/dips.ts';
import type { StreamPlan } from '../server/sources/simulator/families.ts';
import { type DipScore, type StreamScore, scoreStream } from './alert-score.ts';
import { differences, SETS, type SetName } from './alert-sets.ts';
import { type Blackout, runStream, STRATEGIES } from './alert-streams.ts';
import { fmt, percentile, printRows, type Row } from './lib.ts';

const SET: SetName = process.env.BENCH_ALERT_SET === 'tuning' ? 'tuning' : 'held-out';
const STREAMS = Number(process.env.BENCH_ALERT_STREAMS ?? 64);
/** Subsets for quick tuning runs (tuning set only): one dip kind, one family, rooms within a size range. */
const ONLY = process.env.BENCH_ALERT_KIND as DipKind | undefined;
const ONLY_FAMILY = process.env.BENCH_ALERT_FAMILY;
const MIN_ONLINE = Number(process.env.BENCH_ALERT_MIN_ONLINE ?? 0);
const MAX_ONLINE = Number(process.env.BENCH_ALERT_MAX_ONLINE ?? Infinity);
const SUBSET = ONLY !== undefined || ONLY_FAMILY !== undefined || MIN_ONLINE > 0 || MAX_ONLINE < Infinity;
if (SET === 'held-out' && (SUBSET || STREAMS !== 64)) {
  throw new Error('subsets and other stream counts are for the tuning set (BENCH_ALERT_SET=tuning) only');
}
const MIN = 60_000;
const CONVERSION: DipKind[] = ['clickRate', 'clickToOrder', 'payment', 'conversion'];

export function plans(set: SetName = SET): StreamPlan[] {
  return SETS[set].plans(STREAMS, (p) => {
    const kind = p.labels[0]?.kind;
    if (ONLY && kind !== ONLY) return false;
    return !(ONLY_FAMILY && p.family !== ONLY_FAMILY) && p.peakOnline >= MIN_ONLINE && p.peakOnline <= MAX_ONLINE;
  });
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

/** Recall over the oracle-detectable dips, and the excess delay over the oracle of those caught. */
interface Summary {
  hits: number;
  n: number;
  median: number;
  p90: number;
}

function summarise(dips: DipScore[], k: Strategy): Summary {
  const ds = dips.filter((d) => d.detectable);
  const hits = ds.filter((d) => d.hit[k]);
  const excess = hits.map((d) => d.delayMs[k]! - d.oracleMs!).sort((a, b) => a - b);
  return { hits: hits.length, n: ds.length, median: percentile(excess, 50) / 1000, p90: percentile(excess, 90) / 1000 };
}

const pct = (s: Summary) => (s.n ? `${fmt((s.hits / s.n) * 100, 0)}% (${s.hits}/${s.n})` : '–');
/** classic | issue 8's sequential → the hierarchical one. */
const pair = (f: (k: Strategy) => string) => `${f('classic')} | ${f('sequential-v1')} → ${f('sequential')}`;
const kindOf = (d: DipScore) => (CONVERSION.includes(d.label.kind) ? 'conversion' : 'audience');
const secs = (ms: number | null) => (ms === null ? '–' : `${Math.round(ms / 1000)} s`);

export function benchAlertQuality(set: SetName = SET): Row[] {
  const ps = plans(set);
  const scores: StreamScore[] = ps.map((p, i) => scoreStream(runStream(p, blackoutOf(i, p)), STRATEGIES));
  const dips = scores.flatMap((s) => s.dips);
  const hours = scores.reduce((a, s) => a + s.hours, 0);
  const fa = (k: Strategy) => (scores.reduce((a, s) => a + s.falseAlarms[k], 0) / hours) * 4;
  const stale = (k: Strategy) => scores.reduce((a, s) => a + s.staleCalls[k], 0);
  const all = (k: Strategy) => summarise(dips, k);
  const left = dips.filter((d) => !d.detectable);
  const rows: Row[] = [
    {
      name: `${set} set: streams, simulated hours, dips (oracle tells within the dip)`,
      value: `${ps.length}, ${fmt(hours, 1)}, ${dips.length} (${dips.length - left.length})`,
    },
    { name: 'differs between the sets: tuning | held-out', value: '' },
    ...differences().map(([k, t, h]) => ({ name: `  ${k}`, value: `${t} | ${h}` })),
    { name: 'columns: classic | today’s sequential → hierarchical', value: '' },
    {
      name: 'recall, oracle-detectable dips',
      value: pair((k) => pct(all(k))),
      target: '≥ 90 %',
      pass: all('sequential').hits >= 0.9 * all('sequential').n,
    },
    {
      name: 'median excess delay over the oracle, s',
      value: pair((k) => fmt(all(k).median, 0)),
      target: '≤ 30',
      pass: all('sequential').median <= 30,
    },
    { name: 'p90 excess delay over the oracle, s', value: pair((k) => fmt(all(k).p90, 0)) },
    { name: 'false alarms per 4 hours', value: pair((k) => fmt(fa(k), 2)), target: '≤ 1', pass: fa('sequential') <= 1 },
    {
      name: 'dip rules fired during a feed blackout',
      value: pair((k) => String(stale(k))),
      target: '0',
      pass: stale('sequential') === 0,
    },
  ];
  const families = [...new Set(dips.map((d) => d.family))];
  for (const family of families) {
    for (const kind of ['conversion', 'audience']) {
      const ds = dips.filter((d) => d.family === family && kindOf(d) === kind);
      if (ds.length === 0) continue;
      const s = (k: Strategy) => summarise(ds, k);
      rows.push({
        name: `  ${family} ${kind}: recall; median excess s`,
        value: pair((k) => `${pct(s(k))}; ${fmt(s(k).median, 0)}`),
      });
    }
  }
  const small = dips.filter((d) => d.size < 300);
  for (const kind of ['conversion', 'audience']) {
    const ds = small.filter((d) => kindOf(d) === kind);
    if (ds.length > 0)
      rows.push({ name: `  30–299 online ${kind}: recall`, value: pair((k) => pct(summarise(ds, k))) });
  }
  for (const [name, lo, hi] of [
    ['30–299', 0, 300],
    ['300–1,999', 300, 2000],
    ['2,000–50,000', 2000, Infinity],
  ] as const) {
    const ds = dips.filter((d) => d.size >= lo && d.size < hi);
    rows.push({ name: `  recall ${name} online`, value: pair((k) => pct(summarise(ds, k))) });
  }
  rows.push({
    name: 'left out (oracle needs longer than the dip)',
    value: `${left.length}: caught ${pair((k) => String(left.filter((d) => d.hit[k]).length))}`,
  });
  rows.push({ name: 'every dip: oracle delay; classic | today’s → hierarchical', value: '' });
  for (const d of dips) {
    const tag = `${d.detectable ? '' : '(left out) '}${d.label.kind} ${d.family}/${d.size}${d.repeat ? 'r' : 'f'} ${fmt(d.label.depth * 100, 0)}%${d.label.gradual ? '~' : ''} #${d.seed}`;
    rows.push({ name: `  ${tag}`, value: `${secs(d.oracleMs)}; ${pair((k) => secs(d.delayMs[k]))}` });
  }
  if (process.env.BENCH_DEBUG) for (const s of scores) for (const f of s.falseDetail) console.error(`false: ${f}`);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows(`Alert quality (${SET} set)`, benchAlertQuality());
}
