// npm run stream -- --seed 7 [--family realistic|sampled|new-room|classic] [--online 1200] [--kind clickToOrder]
//                   [--depth 0.3] [--minutes 45] [--start <ms>] [--labels labels.json] > stream.ndjson
// Writes one labelled simulated stream as NDJSON (the import route's format, one event a line, the earlier
// session of a repeat stream first) and its dip labels as JSON, so the alerts can be scored after an import.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DIP_KINDS, type DipKind } from '../sources/simulator/dips.ts';
import { FAMILIES, type Family, planStream } from '../sources/simulator/families.ts';
import { createSimulator } from '../sources/simulator/simulator.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    family: { type: 'string' },
    online: { type: 'string' },
    kind: { type: 'string' },
    depth: { type: 'string' },
    minutes: { type: 'string' },
    labels: { type: 'string' },
    /** Moves the stream to start at this time (ms), e.g. near now for the push route's time bounds. */
    start: { type: 'string' },
  },
});
const family = values.family as Family | undefined;
const families: Family[] = [...FAMILIES, 'platform'];
if (family && !families.includes(family)) throw new Error(`--family: one of ${families.join(', ')}`);
const kind = values.kind as DipKind | 'none' | undefined;
if (kind && kind !== 'none' && !DIP_KINDS.includes(kind))
  throw new Error(`--kind: one of ${DIP_KINDS.join(', ')}, none`);
const plan = planStream(Number(values.seed), {
  ...(family ? { family } : {}),
  ...(kind ? { kind } : {}),
  ...(values.online ? { peakOnline: Number(values.online) } : {}),
  ...(values.depth ? { depth: Number(values.depth) } : {}),
  ...(values.minutes ? { durationMin: Number(values.minutes) } : {}),
});
const shift = values.start ? Number(values.start) - plan.options.startTs : 0;
if (!Number.isFinite(shift)) throw new Error('--start: a time in ms since the epoch');
const moved = <T extends { ts: number }>(e: T): T => (shift ? { ...e, ts: e.ts + shift } : e);
for (const opts of [plan.previous, plan.options]) {
  if (!opts) continue;
  const sim = createSimulator(opts);
  // A minute at a time keeps memory flat for big rooms.
  for (let t = opts.startTs + 60_000; ; t += 60_000) {
    const events = sim.advance(t);
    if (events.length > 0) process.stdout.write(`${events.map((e) => JSON.stringify(moved(e))).join('\n')}\n`);
    if (t >= opts.startTs + (opts.durationMs ?? 0) + 20 * 60_000) break;
  }
}
const meta = {
  seed: plan.seed,
  family: plan.family,
  peakOnline: plan.peakOnline,
  repeat: !!plan.previous,
  labels: plan.labels.map((l) => ({ ...l, startTs: l.startTs + shift, endTs: l.endTs + shift })),
};
if (values.labels) fs.writeFileSync(values.labels, `${JSON.stringify(meta, null, 2)}\n`);
else process.stderr.write(`${JSON.stringify(meta)}\n`);
