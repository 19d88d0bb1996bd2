// Child process of the abuse bench: viewers that ask for a resync every 10 ms and never read their socket
// (the out-of-memory attack). Commands on stdin: {cmd:'start', url, roomId, token, sockets}, {cmd:'stop'}.
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';

let sockets: Socket[] = [];
let timers: NodeJS.Timeout[] = [];
let sent = 0;
const answer = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function start(url: string, roomId: string, token: string, n: number): Promise<void> {
  sockets = await Promise.all(
    Array.from({ length: n }, () => {
      const so = io(`${url}/live`, {
        auth: { token, roomId },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      return new Promise<Socket>((resolve) => so.once('room:snapshot', () => resolve(so)));
    }),
  );
  for (const so of sockets) {
    // biome-ignore lint/suspicious/noExplicitAny: reaching the TCP socket to stop reading, as the attacker does
    ((so.io.engine as any).transport.ws._socket as { pause(): void }).pause();
    timers.push(
      setInterval(() => {
        so.emit('room:resync', {}, () => {});
        sent++;
      }, 10),
    );
  }
}

createInterface({ input: process.stdin }).on('line', async (line) => {
  const m = JSON.parse(line) as { cmd: string; url: string; roomId: string; token: string; sockets: number };
  if (m.cmd === 'start') {
    await start(m.url, m.roomId, m.token, m.sockets);
    answer({ started: sockets.length });
  } else if (m.cmd === 'stop') {
    for (const t of timers) clearInterval(t);
    timers = [];
    const connected = sockets.filter((s) => s.connected).length;
    for (const s of sockets) s.disconnect();
    answer({ sent, connected });
    process.exit(0);
  }
});
