// npm run import -- --url http://localhost:8080 --room <id> --token <ingest|admin> --format ndjson|bilibili-xml
//                   [--speed 0|N] [--gzip] <file>
// Streams a recorded stream of any size to a running console's import route (the file is read as it is sent,
// never whole), shows progress on stderr, and prints the server's answer.
import fs from 'node:fs';
import { PassThrough, Readable, Transform } from 'node:stream';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { MAX_IMPORT_SPEED, MIN_IMPORT_SPEED } from '../../shared/constants.ts';
import { speedOrNull } from '../ingest/speed.ts';
import { Progress } from './progress.ts';

const USAGE =
  'usage: npm run import -- --room <id> --token <token> --format ndjson|bilibili-xml [--speed 0] [--gzip] [--url http://localhost:8080] <file>';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: `http://localhost:${process.env.PORT ?? 8080}` },
      room: { type: 'string' },
      token: { type: 'string' },
      format: { type: 'string' },
      speed: { type: 'string', default: '0' },
      gzip: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!values.room || !values.token || !values.format || !file) {
    console.error(USAGE);
    return 2;
  }
  if (values.format !== 'ndjson' && values.format !== 'bilibili-xml') {
    console.error('--format: ndjson or bilibili-xml');
    return 2;
  }
  if (speedOrNull(values.speed) === null) {
    console.error(`--speed: 0 (at once) or a plain decimal from ${MIN_IMPORT_SPEED} to ${MAX_IMPORT_SPEED}`);
    return 2;
  }
  if (!fs.existsSync(file)) {
    console.error(`no such file: ${file}`);
    return 2;
  }
  const size = fs.statSync(file).size;
  const progress = new Progress(size, process.stderr);
  // Counted as read from the file: the server reads as it stores, so this is the import's own pace.
  const needle = values.format === 'ndjson' ? 0x0a : 0x3c; // a line, or roughly an element (`<`)
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      let n = 0;
      for (let i = chunk.indexOf(needle); i !== -1; i = chunk.indexOf(needle, i + 1)) n++;
      progress.add(chunk.length, n);
      done(null, chunk);
    },
  });
  const source = fs.createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(counter);
  const body = values.gzip ? source.pipe(zlib.createGzip({ level: 1 })) : source.pipe(new PassThrough());
  const type = values.format === 'bilibili-xml' ? 'application/xml' : 'application/x-ndjson';
  const url = `${values.url}/api/rooms/${encodeURIComponent(values.room)}/import?format=${values.format}&speed=${values.speed}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${values.token}`,
      'content-type': type,
      ...(values.gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    body: Readable.toWeb(body) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  progress.done();
  const answer = (await res.json()) as Record<string, unknown>;
  if (!res.ok) {
    console.error(`import failed: HTTP ${res.status} ${answer.code}: ${answer.message}`);
    return 1;
  }
  console.log(
    `${values.format}: ${answer.total} read, ${answer.accepted} accepted, ${answer.duplicates} duplicates, ` +
      `${answer.rejectedCount} rejected, ${answer.scheduled} scheduled for replay at ${values.speed}×`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`import failed: ${err.message}`);
    process.exit(1);
  },
);
