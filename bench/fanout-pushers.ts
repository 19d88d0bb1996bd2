// Child process of the fan-out benchmark: several concurrent HTTP clients push barrage to one room at a fixed
// total rate, each batch a POST, and report when each batch was acknowledged (the server answers only after
// the batch is durable and applied). The barrage is the kit's real danmaku (texts and viewers, stamped now)
// when the kit is there, else generated lines from many viewers.
import fs from 'node:fs';
import { Agent } from 'node:http';
import path from 'node:path';
import { reply, serveCommands, wallMs } from './child.ts';
import { DANMAKU_DIR, DANMAKU_FILES, readDanmaku } from './hot-words-recall.ts';
import { barrage } from './lib.ts';
import { postEvents } from './post-events.ts';

const real = fs.existsSync(path.join(DANMAKU_DIR, DANMAKU_FILES[1]!)) ? readDanmaku(DANMAKU_FILES[1]!) : null;
let cursor = 0;

function batchOf(n: number, prefix: string): object[] {
  const now = Date.now();
  if (!real) return barrage(n, now, 50_000, prefix).map((e, i) => ({ ...e, userId: `${prefix}u${i}` }));
  return Array.from({ length: n }, (_, i) => {
    const d = real[cursor++ % real.length]!;
    return { type: 'comment', ts: now, id: `${prefix}${i}`, userId: d.userId, text: d.text };
  });
}

const [url, roomId, token] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

interface Run {
  ratePerSec: number;
  clients: number;
  batch: number;
  durationMs: number;
}

/** Each client keeps its own schedule (one batch every clients×batch/rate s); a late answer is not made up twice. */
/**
 * `acks`: acknowledgement times in order; `thresholds`: the room's comment total each implies (every batch
 * acknowledged up to it is applied), from the events the server actually took, so a refused line in the
 * real danmaku does not shift every later batch onto the next update.
 */
async function push(
  run: Run,
): Promise<{ acks: number[]; thresholds: number[]; failed: number; events: number; ms: number }> {
  const intervalMs = (run.clients * run.batch * 1000) / run.ratePerSec;
  const answers: [number, number][] = [];
  let failed = 0;
  const t0 = wallMs();
  await Promise.all(
    Array.from({ length: run.clients }, async (_, c) => {
      let k = 0;
      for (let due = t0 + (c * intervalMs) / run.clients; due < t0 + run.durationMs; due += intervalMs) {
        const wait = due - wallMs();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const body = Buffer.from(JSON.stringify(batchOf(run.batch, `p${c}-${k++}-`)));
        const { status, accepted } = await postEvents(`${url}/api/rooms/${roomId}/events`, token!, body, agent);
        if (status === 200) answers.push([wallMs(), accepted]);
        else failed++;
      }
    }),
  );
  // The run's real length: on a loaded machine the answers come late and the last batches go out after it.
  answers.sort((a, b) => a[0] - b[0]);
  let total = 0;
  const thresholds = answers.map(([, n]) => (total += n));
  return { acks: answers.map(([t]) => t), thresholds, failed, events: total, ms: wallMs() - t0 };
}

serveCommands(async (cmd) => (cmd.cmd === 'push' ? push(cmd as unknown as Run) : undefined));
reply({ ready: true });
