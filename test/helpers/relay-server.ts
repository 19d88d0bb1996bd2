// A local Douyin relay as douyinLive runs one: ws://127.0.0.1:<port>/ws/<roomId>, JSON text frames, a text
// "ping" answered "pong". Tests replay recorded frames (either relay's shape), garbage, and drops.
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface RelayServer {
  url(roomId: string): string;
  rooms: string[];
  connected(): Promise<void>;
  send(frames: unknown[]): void;
  sendText(text: string): void;
  drop(): void;
  close(): Promise<void>;
}

export async function startRelayServer(): Promise<RelayServer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as AddressInfo).port;
  const clients = new Set<WebSocket>();
  let waiters: (() => void)[] = [];
  const relay: RelayServer = {
    url: (roomId) => `ws://127.0.0.1:${port}/ws/${roomId}`,
    rooms: [],
    connected: () => (clients.size > 0 ? Promise.resolve() : new Promise((r) => waiters.push(r))),
    send: (frames) => {
      for (const c of clients) for (const f of frames) c.send(JSON.stringify(f));
    },
    sendText: (text) => {
      for (const c of clients) c.send(text);
    },
    drop: () => {
      for (const c of clients) c.terminate();
      clients.clear();
    },
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
  wss.on('connection', (ws, req) => {
    const m = /^\/ws\/([^/?]+)/.exec(req.url ?? '');
    if (!m) return ws.close(1008, 'no room');
    relay.rooms.push(m[1]!);
    ws.on('message', (d) => {
      if (d.toString() === 'ping') ws.send('pong');
    });
    ws.on('close', () => clients.delete(ws));
    clients.add(ws);
    const w = waiters;
    waiters = [];
    for (const r of w) r();
  });
  return relay;
}
