// Fan-out, on the default settings: 1,000 screens (socket.io clients of /live in other processes) watch one
// room while several concurrent HTTP clients (a third process) push 10,000 barrage/s. Reported: latency per
// screen (p50/p99/max over every screen × every batch, from the batch's HTTP acknowledgement to that screen's
// first update including it), bytes per screen per second, server CPU per delivered update; then delivery
// alone (a trickle of changes) against a plain `ws` server that sends the same frames at the same rate to as
// many clients, each frame encoded once (the fast peer), in frames per server CPU-second. The two peers take
// turns in short windows, both sets of screens connected throughout, and the median ratio over the rounds is
// judged: a shared machine's slow second then hits both peers alike instead of deciding the verdict. The ws
// peer frames each message once (ws' Sender.frame, as socket.io's adapter does) and writes that frame to every
// client; its screens parse each frame as the socket.io screens do, so both share the two cores alike.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import type { RoomRuntime } from '../server/rooms/room-runtime.ts';
import { DEFAULT_TICK_HZ } from '../shared/constants.ts';
import type { LiveEvent } from '../shared/events.ts';
import { createRoom } from '../test/helpers/server.ts';
import { startChild } from './child.ts';
import { type LatencySummary, mergeLatency } from './latency.ts';
import { barrage, fmt, percentile, printRows, type Row, startServer } from './lib.ts';

const SCREENS = Number(process.env.BENCH_SCREENS ?? 1000);
/** Screens are spread over this many processes: 1,000 real screens are 1,000 devices, and one process decoding
 * every frame for all of them queues them behind each other, which no real screen does. */
const SCREEN_PROCS = Number(process.env.BENCH_SCREEN_PROCS ?? 2);
const RATE = Number(process.env.BENCH_BARRAGE_PER_SEC ?? 10_000);
const PUSHERS = 4;
const BATCH = 100;
const RUN_MS = 6_000;
const DRAIN_MS = 1_000;
/** Delivery alone: ROUNDS × (a socket.io window, then a ws window), each WINDOW_MS long. */
const ROUNDS = 5;
const WINDOW_MS = 2_000;

interface ScreensResult {
  /** CPU the screens' process used over the run. */
  cpuSec: number;
  frames: number;
  /** Patches that did not follow the screen's seq (a real screen would resync). */
  gaps: number;
  sampleBytes: number;
  sampleScreens: number;
  sampleFrames: string[];
  latency: LatencySummary | null;
}

const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1e6;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The screens, over SCREEN_PROCS child processes, answering as one. */
function startScreens(args: (share: number) => string[]) {
  const share = (i: number) => Math.floor(SCREENS / SCREEN_PROCS) + (i < SCREENS % SCREEN_PROCS ? 1 : 0);
  const kids = Array.from({ length: SCREEN_PROCS }, (_, i) => startChild('bench/fanout-screens.ts', args(share(i))));
  return {
    next: () => Promise.all(kids.map((k) => k.next())),
    start: () => Promise.all(kids.map((k) => k.ask({ cmd: 'start' }))),
    quit: () => Promise.all(kids.map((k) => k.ask({ cmd: 'quit' }))),
    async stop(acks: number[], thresholds: number[]): Promise<ScreensResult> {
      const parts = await Promise.all(kids.map((k) => k.ask<ScreensResult>({ cmd: 'stop', acks, thresholds })));
      const sum = (f: (r: ScreensResult) => number) => parts.reduce((a, r) => a + f(r), 0);
      const lat = parts.map((r) => r.latency).filter((l): l is LatencySummary => l !== null);
      return {
        cpuSec: sum((r) => r.cpuSec),
        frames: sum((r) => r.frames),
        gaps: sum((r) => r.gaps),
        sampleBytes: sum((r) => r.sampleBytes),
        sampleScreens: sum((r) => r.sampleScreens),
        sampleFrames: parts[0]!.sampleFrames,
        latency: lat.length ? mergeLatency(lat) : null,
      };
    },
  };
}

const FRAME_OPTS = { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true } as const;
/** ws' own calls for framing a message once and writing the frame (its typings leave them out; socket.io and
 * engine.io use the same two). The public send() would frame it again for each client. */
type PreFramed = { _sender: { sendFrame(frame: Buffer[]): void } };
const frameOnce = (WebSocket as unknown as { Sender: { frame(data: Buffer, opts: typeof FRAME_OPTS): Buffer[] } })
  .Sender.frame;

/** The fast peer: every frame turned into bytes and framed once, then written to each client. */
async function startWsPeer() {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const screens = startScreens((share) => [
    'ws',
    `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    String(share),
  ]);
  await screens.next();
  return {
    /** Sends `frames` in turn to every client at `perScreenHz` for WINDOW_MS. */
    async window(frames: string[], perScreenHz: number) {
      await screens.start();
      const cpu0 = process.cpuUsage();
      let i = 0;
      const timer = setInterval(() => {
        // Framed once for all clients (what socket.io's adapter does too), then written to each.
        const frame = frameOnce(Buffer.from(frames[i++ % frames.length]!), FRAME_OPTS);
        for (const c of wss.clients) (c as unknown as PreFramed)._sender.sendFrame(frame);
      }, 1000 / perScreenHz);
      await sleep(WINDOW_MS);
      clearInterval(timer);
      const cpu = cpuSeconds(cpu0);
      const r = await screens.stop([], []);
      return { frames: r.frames, cpu };
    },
    async close() {
      await screens.quit();
      wss.close();
      server.close();
    },
  };
}

/** One comment every 50 ms applied to the room in process (no HTTP, no ingest), so the server's CPU is the
 * realtime path's: state, patch, stored update, emit. */
async function trickleWindow(rt: RoomRuntime, round: number) {
  const cpu0 = process.cpuUsage();
  for (let i = 0, end = Date.now() + WINDOW_MS; Date.now() < end; i++) {
    rt.applyEvents(barrage(1, Date.now(), 5000, `t${round}-${i}-`) as LiveEvent[]);
    await sleep(50);
  }
  return cpuSeconds(cpu0);
}

export async function benchFanout(): Promise<Row[]> {
  const s = await startServer({ tickHz: DEFAULT_TICK_HZ });
  const room = await createRoom(s, 'bench-fanout');
  const rt = (await s.services.runtime(room.id))!;
  await s.services.pipeline.ingestEvents(rt, barrage(20_000, Date.now(), 5000, 'w'), { checkTime: false });
  const screens = startScreens((share) => ['sio', s.url, String(share), room.id, room.tokens.viewer]);
  const pushers = startChild('bench/fanout-pushers.ts', [s.url, room.id, room.tokens.ingest]);
  await Promise.all([screens.next(), pushers.next()]);

  // 1. Latency under load.
  const base = rt.state(Date.now()).comments;
  await screens.start();
  const cpu0 = process.cpuUsage();
  const pushed = await pushers.ask<{
    acks: number[];
    thresholds: number[];
    failed: number;
    events: number;
    ms: number;
  }>({
    cmd: 'push',
    ratePerSec: RATE,
    clients: PUSHERS,
    batch: BATCH,
    durationMs: RUN_MS,
  });
  await sleep(DRAIN_MS);
  const loadCpu = cpuSeconds(cpu0);
  const thresholds = pushed.thresholds.map((n) => base + n);
  const load = await screens.stop(pushed.acks, thresholds);
  pushers.kill();
  // The reference: the whole state in every frame at 10 Hz, as ticks were sent before change-driven deltas.
  const fullTick = Buffer.byteLength(
    `42/live,${JSON.stringify(['room:tick', { seq: rt.seq, state: rt.state(Date.now()) }])}`,
  );

  // 2. Delivery alone, the peers taking turns. While the ws peer sends, the room's ticker is stopped, so its
  // 2 Hz heartbeats to the socket.io screens are not counted against the ws peer (nor anything else).
  const ws = await startWsPeer();
  const rounds: { sio: number; ws: number; hz: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await screens.start();
    const cpu = await trickleWindow(rt, round);
    const trickle = await screens.stop([], []);
    const hz = trickle.frames / SCREENS / (WINDOW_MS / 1000);
    s.ticker.stop();
    const peer = await ws.window(trickle.sampleFrames, hz);
    s.ticker.start();
    rounds.push({ sio: trickle.frames / cpu, ws: peer.frames / peer.cpu, hz });
  }
  await ws.close();
  await screens.quit();
  await s.close();
  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const ratios = rounds.map((r) => r.sio / r.ws);
  const ratio = median(ratios);
  const perScreenHz = median(rounds.map((r) => r.hz));

  const loadSec = (pushed.ms + DRAIN_MS) / 1000;
  const lat = load.latency!;
  const bytesPerScreenSec = load.sampleBytes / load.sampleScreens / loadSec;
  return [
    {
      name: `screens (in processes) / pushers / TICK_HZ`,
      value: `${SCREENS} (${SCREEN_PROCS}) / ${PUSHERS} / ${DEFAULT_TICK_HZ}`,
    },
    { name: `barrage acknowledged, events/s (offered ${fmt(RATE)})`, value: fmt(pushed.events / (pushed.ms / 1000)) },
    { name: 'push run length, s (planned 6)', value: fmt(pushed.ms / 1000, 1) },
    { name: 'batches failed', value: fmt(pushed.failed) },
    { name: 'latency samples (screen × batch) / missing', value: `${fmt(lat.samples)} / ${fmt(lat.missing)}` },
    { name: 'latency per screen p50, ms', value: fmt(lat.p50), target: '≤ 50', pass: lat.p50 <= 50 },
    { name: 'latency per screen p99, ms', value: fmt(lat.p99), target: '≤ 100', pass: lat.p99 <= 100 },
    { name: 'latency per screen max, ms', value: fmt(lat.max) },
    { name: 'seq gaps seen by screens (under load)', value: fmt(load.gaps) },
    { name: 'updates per screen per s (under load)', value: fmt(load.frames / SCREENS / loadSec, 1) },
    { name: 'bytes per screen per s (under load)', value: fmt(bytesPerScreenSec) },
    { name: 'full-state ticks at 10 Hz, bytes per screen per s', value: fmt(fullTick * 10) },
    {
      name: 'full-state 10 Hz ÷ this',
      value: fmt((fullTick * 10) / bytesPerScreenSec, 1),
      target: '≥ 5',
      pass: (fullTick * 10) / bytesPerScreenSec >= 5,
    },
    {
      name: 'CPU during the load run, server / screens processes, s',
      value: `${fmt(loadCpu, 1)} / ${fmt(load.cpuSec, 1)}`,
    },
    { name: 'server CPU per delivered update (load, incl. ingest), µs', value: fmt((loadCpu / load.frames) * 1e6, 1) },
    { name: 'delivery alone: updates per screen per s', value: fmt(perScreenHz, 1) },
    { name: 'socket.io, frames per server CPU-s (median)', value: fmt(median(rounds.map((r) => r.sio))) },
    { name: 'plain ws (encode once), frames per server CPU-s (median)', value: fmt(median(rounds.map((r) => r.ws))) },
    { name: `socket.io ÷ ws per round (${ROUNDS} rounds)`, value: ratios.map((r) => fmt(r, 2)).join(' ') },
    { name: 'socket.io ÷ ws, median of the rounds', value: fmt(ratio, 2), target: '≥ 0.8', pass: ratio >= 0.8 },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printRows('Fan-out', await benchFanout());
}
