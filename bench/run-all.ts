// npm run bench: every benchmark in one run, so ratios compare peers measured on the same machine state.
// Not part of the test suite: shared machines are noisy, so only ratios are judged, absolutes are context.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { kitDataPath } from '../test/helpers/kit-data.ts';
import { benchAbuse } from './abuse.ts';
import { benchAlertQuality } from './alert-quality.ts';
import { benchClusterScaling } from './cluster-scaling.ts';
import { benchConnectors } from './connectors.ts';
import { benchCueLatency } from './cue-latency.ts';
import { benchEffects } from './effects.ts';
import { benchFailover } from './failover.ts';
import { benchFailoverDark } from './failover-dark.ts';
import { benchFanout } from './fanout.ts';
import { benchForecast } from './forecast.ts';
import { benchHotWordsRecall } from './hot-words-recall.ts';
import { benchImportParse } from './import-parse.ts';
import { benchImportStream } from './import-stream.ts';
import { benchIngest } from './ingest.ts';
import { fmt, printRows } from './lib.ts';
import { benchQuestions } from './questions.ts';
import { benchRebuild } from './rebuild.ts';
import { benchSeek } from './seek.ts';
import { benchSessionTruth } from './session-truth.ts';
import { benchStorageBackends } from './storage-backends.ts';
import { benchStoreSize } from './store-size.ts';

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

console.log(`# npm run bench — ${new Date().toISOString()} — node ${process.version}`);
if (want('ingest')) printRows('Ingest (HTTP route vs in-process pipeline)', await benchIngest());
if (want('fanout'))
  printRows(
    'Fan-out: 1,000 screens at 10,000 barrage/s on default settings; delivery vs plain ws',
    await benchFanout(),
  );
if (want('hotwords')) {
  const rows = await benchHotWordsRecall();
  printRows(
    'Hot words: recall@20 against exact counting on the real danmaku',
    rows.flatMap((r) => [
      { name: `${r.file} recall@20`, value: fmt(r.recallAt20, 2), target: '≥ 0.95', pass: r.recallAt20 >= 0.95 },
      { name: `${r.file} comments/s (tokenize + count)`, value: fmt(r.commentsPerSec) },
    ]),
  );
}
if (want('import')) {
  if (fs.existsSync(kitDataPath('danmaku'))) {
    printRows('Import parsing (Bilibili XML vs NDJSON, real recording)', benchImportParse());
  }
  printRows(
    `Import of a ${process.env.BENCH_IMPORT_MB ?? 200} MB recording, streamed, vs the same events over /events (own processes)`,
    await benchImportStream(),
  );
}
if (want('cues')) printRows('Cue latency (assistant → host)', await benchCueLatency());
if (want('alerts'))
  printRows(
    'Alert quality (held-out labelled streams, against the oracle: classic | today’s sequential → hierarchical)',
    benchAlertQuality(),
  );
if (want('rebuild')) printRows('Restart of a 4-hour room (checkpoint + tail vs full replay)', await benchRebuild());
if (want('failover')) {
  printRows('Failover of room ownership (3 instances, private Redis)', await benchFailover());
  printRows(
    'Failover as screens see it: dark time over 20 kill -9 and 5 drains (3 real instances)',
    await benchFailoverDark(),
  );
}
if (want('scaling'))
  printRows(
    'Cluster scaling: rooms held at p99 ingest→screen ≤ 150 ms by 1, 2, 3 instances (PostgreSQL + Redis)',
    await benchClusterScaling(),
  );
if (want('storage'))
  printRows('Storage backends: SQLite vs PostgreSQL (HTTP ingest, rebuild)', await benchStorageBackends());
if (want('truth'))
  printRows(
    'Session headline against the truth: a recording in 1, 3 and 9 parts, and through kills',
    await benchSessionTruth(),
  );
if (want('seek')) printRows('Replay seek and 复盘 report (4-hour session)', await benchSeek());
if (want('store'))
  printRows(
    'Store size per session (BENCH_STORE_HOURS, default 1; context for RETENTION_DAYS)',
    await benchStoreSize(),
  );
if (want('abuse'))
  printRows(
    'Abuse: resync flood, hostile bodies and imports, against the idle server (own process)',
    await benchAbuse(),
  );
if (want('connectors'))
  printRows(
    'Connectors: decode+map vs the push body; end to end vs HTTP push; protocol server → tick',
    await benchConnectors(),
  );
if (want('forecast'))
  printRows('Forecast and cohorts (held-out simulated rooms of 11–31 sessions; peer: naive linear)', benchForecast());
if (want('questions'))
  printRows(
    'Questions: held-out labelled barrage (kit + written here), and the engine with and without',
    benchQuestions(),
  );
if (want('effects'))
  printRows('Effect ledger: simulated sessions with planted effects (held-out seeds)', benchEffects());
if (want('memory')) {
  // Its own process: RSS must not include what the benchmarks above left on the heap.
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/memory.ts', '--json'], {
    encoding: 'utf8',
  });
  printRows('Memory (4-hour simulated room, own process)', JSON.parse(out.trim().split('\n').pop()!));
}
