// Import parsing: the Bilibili danmaku XML parser against JSON.parse of the same comments as NDJSON, on the
// real 4 MB recording. Ratio to the peer in the same run; absolute figures are context only.
import fs from 'node:fs';
import { parseBilibiliXml } from '../server/sources/import/bilibili-xml.ts';
import { kitDataPath } from '../test/helpers/kit-data.ts';
import { fmt, type Row } from './lib.ts';

const ROUNDS = 5;

function best(f: () => void): number {
  f(); // warm-up: regexes and the parser's code compile on the first call
  let ms = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    f();
    ms = Math.min(ms, performance.now() - t);
  }
  return ms;
}

export function benchImportParse(): Row[] {
  const xml = fs.readFileSync(kitDataPath('danmaku', 'bilibili-live-2020-12-12.xml'), 'utf8');
  const { events } = parseBilibiliXml(xml);
  const ndjson = events.map((e) => JSON.stringify(e)).join('\n');
  const xmlMs = best(() => parseBilibiliXml(xml));
  const jsonMs = best(() => {
    for (const line of ndjson.split('\n')) JSON.parse(line);
  });
  return [
    { name: 'comments in the recording', value: fmt(events.length) },
    { name: 'Bilibili XML parse, ms (best of 5)', value: fmt(xmlMs, 1) },
    { name: 'NDJSON JSON.parse of the same comments, ms', value: fmt(jsonMs, 1) },
    { name: 'XML time ÷ NDJSON time', value: fmt(xmlMs / jsonMs, 2), target: '≤ 5', pass: xmlMs / jsonMs <= 5 },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printRows } = await import('./lib.ts');
  printRows('Import parsing', benchImportParse());
}
