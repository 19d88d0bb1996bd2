// Child process for the fan-out benchmark: opens N real clients (socket.io on /live, or plain ws), counts the
// frames they receive and, for socket.io, when each new comment total first reached a screen.
import { io } from 'socket.io-client';
import WebSocket from 'ws';

const [mode, url, nStr, roomId, token] = process.argv.slice(2);
const n = Number(nStr);
let frames = 0;
let counting = false;
const firstSeen = new Map<number, number>(); // comments total → first wall time any client saw it
const closers: (() => void)[] = [];
let connected = 0;

function onFrame(comments: number | null): void {
  if (!counting) return;
  frames++;
  if (comments !== null && !firstSeen.has(comments)) firstSeen.set(comments, Date.now());
}

function ready(): void {
  if (++connected === n) process.stdout.write('ready\n');
}

for (let i = 0; i < n; i++) {
  if (mode === 'ws') {
    const ws = new WebSocket(url!);
    ws.on('open', ready);
    ws.on('message', () => onFrame(null));
    closers.push(() => ws.close());
  } else {
    const s = io(`${url}/live`, {
      auth: { token, roomId },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    s.once('room:snapshot', ready);
    s.on('room:tick', (m: { state: { comments: number } }) => onFrame(m.state.comments));
    closers.push(() => s.disconnect());
  }
}

process.stdin.on('data', (d) => {
  const cmd = d.toString().trim();
  if (cmd === 'start') {
    frames = 0;
    firstSeen.clear();
    counting = true;
  } else if (cmd === 'stop') {
    counting = false;
    process.stdout.write(`${JSON.stringify({ frames, firstSeen: [...firstSeen.entries()] })}\n`);
    for (const c of closers) c();
    setTimeout(() => process.exit(0), 200);
  }
});
