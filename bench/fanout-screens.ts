// Child process of the fan-out benchmark: N screens in one process, either real socket.io clients of /live
// (keeping the room state as the client bridge does) or plain ws clients. Each screen records when each new
// comment total reached it; at the end the parent sends the acknowledged batches and this process answers the
// latency over every screen × every batch, the frames and (on a sample of screens) the bytes received.
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { applyPatch, type PatchOp } from '../shared/patch.ts';
import type { RoomState } from '../shared/state.ts';
import { reply, serveCommands, wallMs } from './child.ts';
import { latencyOverScreens } from './latency.ts';

const [mode, url, nStr, roomId, token] = process.argv.slice(2);
const n = Number(nStr);
/** Bytes and raw frames are read on a few screens only: counting on all 1,000 would load this process. */
const SAMPLE = 20;
const KEEP_FRAMES = 400;

interface Screen {
  comments: number;
  seenComments: number[];
  seenAt: number[];
}
const screens: Screen[] = [];
let counting = false;
let frames = 0;
let sampleBytes = 0;
const sampleFrames: string[] = [];
const closers: (() => void)[] = [];
let connected = 0;
let gaps = 0;
let cpu0 = process.cpuUsage();

function ready(): void {
  if (++connected === n) reply({ ready: true });
}

function seen(screen: Screen, comments: number): void {
  if (!counting) return;
  frames++;
  if (comments > screen.comments) {
    screen.seenComments.push(comments);
    screen.seenAt.push(wallMs());
  }
  screen.comments = Math.max(screen.comments, comments);
}

function openSocketIo(i: number): void {
  const screen: Screen = { comments: -1, seenComments: [], seenAt: [] };
  screens.push(screen);
  const s = io(`${url}/live`, {
    auth: { token, roomId },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  if (i < SAMPLE) {
    s.io.engine?.on('data', (d: string | Buffer) => {
      if (!counting) return;
      sampleBytes += typeof d === 'string' ? Buffer.byteLength(d) : d.length;
      if (i === 0 && sampleFrames.length < KEEP_FRAMES) sampleFrames.push(String(d));
    });
  }
  // The state is kept as the client bridge keeps it: snapshot, then each patch applied in seq order.
  let state: RoomState | null = null;
  s.once('room:snapshot', ready);
  s.on('room:snapshot', (m: { state: RoomState }) => {
    state = m.state;
    seen(screen, state.comments);
  });
  s.on('room:patch', (m: { seq: number; ops: PatchOp[] }) => {
    if (state === null || m.seq !== state.seq + 1) {
      if (counting) gaps++;
      return;
    }
    state = applyPatch(state, m.ops, { seq: m.seq });
    seen(screen, state.comments);
  });
  closers.push(() => s.disconnect());
}

function openWs(i: number): void {
  const ws = new WebSocket(url!);
  ws.on('open', ready);
  ws.on('message', (d: Buffer) => {
    if (!counting) return;
    frames++;
    if (i < SAMPLE) sampleBytes += d.length;
    // Read as a socket.io screen reads it (text to string, the packet's JSON parsed), so both peers' screens
    // do the same work per frame and share the two cores with the server alike.
    const text = d.toString();
    JSON.parse(text.slice(text.indexOf('[')));
  });
  closers.push(() => ws.close());
}

for (let i = 0; i < n; i++) (mode === 'ws' ? openWs : openSocketIo)(i);

serveCommands(async (cmd) => {
  if (cmd.cmd === 'start') {
    counting = true;
    cpu0 = process.cpuUsage();
    return { started: true };
  }
  if (cmd.cmd === 'quit') {
    for (const c of closers) c();
    setTimeout(() => process.exit(0), 200);
    return { quit: true };
  }
  if (cmd.cmd !== 'stop') return undefined;
  counting = false;
  const batches = cmd as unknown as { acks: number[]; thresholds: number[] };
  const latency = batches.acks.length ? latencyOverScreens(screens, batches.acks, batches.thresholds) : null;
  const cpu = process.cpuUsage(cpu0);
  const out = {
    cpuSec: (cpu.user + cpu.system) / 1e6,
    frames,
    gaps,
    sampleBytes,
    sampleScreens: Math.min(SAMPLE, n),
    sampleFrames: [...sampleFrames],
    latency,
  };
  frames = 0;
  gaps = 0;
  sampleBytes = 0;
  sampleFrames.length = 0;
  for (const s of screens) {
    s.seenComments = [];
    s.seenAt = [];
  }
  return out;
});
