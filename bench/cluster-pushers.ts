// Child process of the cluster scaling benchmark: pushes comment batches to many rooms at a fixed rate per
// room, each batch to the next instance in turn (any instance takes any room's push), and reports when each
// batch was acknowledged (the answer comes once the batch is committed to the shared store).
import { Agent } from 'node:http';
import { reply, serveCommands, wallMs } from './child.ts';
import { postEvents } from './post-events.ts';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

interface Run {
  rooms: { roomId: string; token: string }[];
  urls: string[];
  perRoomPerSec: number;
  batch: number;
  durationMs: number;
  tag: string;
}

async function push(run: Run) {
  const intervalMs = (run.batch * 1000) / run.perRoomPerSec;
  const acks: Record<string, number[]> = {};
  let failed = 0;
  let next = 0;
  const t0 = wallMs();
  await Promise.all(
    run.rooms.map(async ({ roomId, token }, r) => {
      acks[roomId] = [];
      let k = 0;
      for (let due = t0 + (r * intervalMs) / run.rooms.length; due < t0 + run.durationMs; due += intervalMs) {
        const wait = due - wallMs();
        if (wait > 0) await new Promise((res) => setTimeout(res, wait));
        const now = Date.now();
        const events = Array.from({ length: run.batch }, (_, i) => ({
          type: 'comment',
          ts: now,
          id: `${run.tag}-${r}-${k}-${i}`,
          userId: `u${(k * run.batch + i) % 5000}`,
          text: i % 3 === 0 ? '多少钱' : '主播好美',
        }));
        k++;
        const target = `${run.urls[next++ % run.urls.length]!}/api/rooms/${roomId}/events`;
        const { status } = await postEvents(target, token, Buffer.from(JSON.stringify(events)), agent);
        if (status === 200) acks[roomId]!.push(wallMs());
        else failed++;
      }
    }),
  );
  return { acks, failed, ms: wallMs() - t0 };
}

serveCommands(async (cmd) => (cmd.cmd === 'push' ? push(cmd as unknown as Run) : undefined));
reply({ ready: true });
