// A large recording imported in one streamed request against the same events pushed over /events, each into
// a fresh server in its own process (RSS is the server's own), in the same run. The recording is the
// simulator's (server/cli/write-stream.ts, 20,000 online), written on the fly to a temporary file and moved
// to end a few minutes ago so the push route's time bounds accept it too. BENCH_IMPORT_MB sets its size
// (default 200; 1024 for the 1 GB figure in docs/DEPLOY.md). The /events peer is made as fast as it honestly
// goes: batches of MAX_EVENTS_PER_REQUEST lines cut from the same file, PUSH_CONCURRENCY requests in flight.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from '../shared/constants.ts';
import { ADMIN, tempDir } from '../test/helpers/server.ts';
import { fmt, type Row } from './lib.ts';
import { postEvents } from './post-events.ts';
import { createRoomOn, type ServerChild, startServerChild } from './server-child.ts';

const MB_PER_MINUTE_AT_20K = 11; // measured: the realistic family's 36 min at 20,000 online (and its earlier session) ≈ 415 MB
const PUSH_CONCURRENCY = 4;
const RSS_TARGET_MB = 400;

/** BENCH_IMPORT_ONLINE: the simulated audience (default 20,000); the room's own state grows with it. */
const ONLINE = Number(process.env.BENCH_IMPORT_ONLINE ?? 20_000);

async function generate(mb: number): Promise<{ file: string; bytes: number; lines: number }> {
  const minutes = Math.max(5, Math.ceil(mb / ((MB_PER_MINUTE_AT_20K * ONLINE) / 20_000)));
  const file = path.join(tempDir('bench-import-'), 'recording.ndjson');
  const fd = fs.openSync(file, 'w');
  const start = Date.now() - (minutes + 30) * 60_000;
  const args = ['--import', 'tsx', 'server/cli/write-stream.ts', '--seed', '7', '--family', 'realistic'];
  args.push('--online', String(ONLINE), '--minutes', String(minutes), '--start', String(start));
  const child = spawn(process.execPath, args, { stdio: ['ignore', fd, 'ignore'] });
  await new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(null) : reject(new Error(`write-stream: ${code}`)))),
  );
  fs.closeSync(fd);
  let lines = 0;
  for await (const chunk of fs.createReadStream(file)) {
    for (let i = (chunk as Buffer).indexOf(10); i !== -1; i = (chunk as Buffer).indexOf(10, i + 1)) lines++;
  }
  return { file, bytes: fs.statSync(file).size, lines };
}

function importFile(url: string, file: string): Promise<{ status: number; accepted: number; duplicates: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-ndjson' },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          text += d.toString();
        });
        res.on('end', () => {
          const j = JSON.parse(text) as { accepted?: number; duplicates?: number };
          resolve({ status: res.statusCode ?? 0, accepted: j.accepted ?? 0, duplicates: j.duplicates ?? 0 });
        });
      },
    );
    req.on('error', reject);
    fs.createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(req);
  });
}

/** The file's lines in push bodies: at most MAX_EVENTS_PER_REQUEST lines and MAX_BODY_BYTES each. */
async function* batches(file: string): AsyncGenerator<Buffer> {
  let carry = Buffer.alloc(0);
  let parts: Buffer[] = [];
  let size = 0;
  let lines = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const buf = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let from = 0;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, nl + 1)) {
      if (lines === MAX_EVENTS_PER_REQUEST || size + (nl + 1 - from) > MAX_BODY_BYTES) {
        yield Buffer.concat(parts);
        parts = [];
        size = 0;
        lines = 0;
      }
      parts.push(buf.subarray(from, nl + 1));
      size += nl + 1 - from;
      lines++;
      from = nl + 1;
    }
    carry = Buffer.from(buf.subarray(from));
  }
  if (carry.length) parts.push(carry);
  if (parts.length) yield Buffer.concat(parts);
}

async function pushFile(url: string, token: string, file: string): Promise<number> {
  const it = batches(file);
  let done = 0;
  let pulling: Promise<IteratorResult<Buffer>> = Promise.resolve({ done: false, value: Buffer.alloc(0) });
  const next = () => (pulling = pulling.then(() => it.next()));
  await Promise.all(
    Array.from({ length: PUSH_CONCURRENCY }, async () => {
      for (let r = await next(); !r.done; r = await next()) {
        if (r.value.length === 0) continue;
        const res = await postEvents(url, token, r.value, undefined, 'application/x-ndjson');
        if (res.status !== 200) throw new Error(`push answered ${res.status}`);
        done += res.accepted;
      }
    }),
  );
  return done;
}

async function timed<T>(server: ServerChild, work: () => Promise<T>) {
  server.takePeakMb();
  const cpu0 = server.cpuSec();
  const t = performance.now();
  const result = await work();
  const sec = (performance.now() - t) / 1000;
  return { result, sec, cpuSec: server.cpuSec() - cpu0, peakMb: server.takePeakMb() };
}

export async function benchImportStream(): Promise<Row[]> {
  const mb = Number(process.env.BENCH_IMPORT_MB ?? 200);
  const rec = await generate(mb);
  try {
    const a = await startServerChild();
    const imp = await (async () => {
      try {
        const room = await createRoomOn(a.url, 'import');
        const rss0 = a.rssMb();
        const run = await timed(a, () =>
          importFile(`${a.url}/api/rooms/${room.id}/import?format=ndjson&speed=0`, rec.file),
        );
        return { ...run, rss0, alive: !a.exited() };
      } finally {
        await a.stop();
      }
    })();
    const b = await startServerChild();
    const push = await (async () => {
      try {
        const room = await createRoomOn(b.url, 'push');
        const rss0 = b.rssMb();
        const run = await timed(b, () =>
          pushFile(`${b.url}/api/rooms/${room.id}/events`, room.tokens.ingest!, rec.file),
        );
        return { ...run, rss0 };
      } finally {
        await b.stop();
      }
    })();
    const impEvents = imp.result.accepted + imp.result.duplicates;
    const impRate = impEvents / imp.sec;
    const pushRate = push.result / push.sec;
    return [
      {
        name: `recording (simulator, ${fmt(ONLINE)} online)`,
        value: `${fmt(rec.bytes / 2 ** 20)} MB, ${fmt(rec.lines)} events`,
      },
      {
        name: 'streamed import: answer, events, time',
        value: `${imp.result.status}, ${fmt(impEvents)} in ${fmt(imp.sec, 1)} s`,
      },
      { name: 'streamed import: events/s', value: fmt(impRate) },
      { name: 'streamed import: server CPU µs per event', value: fmt((imp.cpuSec * 1e6) / impEvents, 1) },
      {
        name: 'streamed import: server peak RSS',
        value: `${fmt(imp.peakMb)} MB (start ${fmt(imp.rss0)})`,
        target: `≤ ${RSS_TARGET_MB} MB`,
        pass: imp.alive && imp.peakMb <= RSS_TARGET_MB,
      },
      {
        name: `/events: ${fmt(MAX_EVENTS_PER_REQUEST)}-line batches, ${PUSH_CONCURRENCY} in flight: events, time`,
        value: `${fmt(push.result)} in ${fmt(push.sec, 1)} s`,
      },
      { name: '/events: events/s', value: fmt(pushRate) },
      { name: '/events: server CPU µs per event', value: fmt((push.cpuSec * 1e6) / push.result, 1) },
      { name: '/events: server peak RSS', value: `${fmt(push.peakMb)} MB (start ${fmt(push.rss0)})` },
      {
        name: 'import ÷ /events throughput',
        value: fmt(impRate / pushRate, 2),
        target: '≥ 0.8',
        pass: impRate / pushRate >= 0.8,
      },
      {
        // Wall time follows the CPU share a loaded machine leaves; the CPU each server spends does not.
        name: '/events ÷ import server CPU per event',
        value: fmt(push.cpuSec / push.result / (imp.cpuSec / impEvents) || 0, 2),
      },
      {
        name: 'every event stored by both',
        value: String(impEvents === rec.lines && push.result === rec.lines),
        pass: impEvents === rec.lines && push.result === rec.lines,
      },
    ];
  } finally {
    fs.rmSync(path.dirname(rec.file), { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printRows } = await import('./lib.ts');
  printRows('Import of a large recording', await benchImportStream());
}
