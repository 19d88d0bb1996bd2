// A local Bilibili danmaku server that speaks the real packet protocol: it reads the client's auth packet
// (operation 7) and answers operation 8, answers each heartbeat (2) with operation 3 and a popularity, and
// sends recorded message bodies as the platform does: plain, zlib (protover 2) or brotli (protover 3)
// bodies holding several messages. Tests can drop clients and send garbage.
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  decodeFrame,
  encodeMessages,
  encodePacket,
  HEADER_BYTES,
  OP,
  VER,
} from '../../server/sources/connectors/bilibili/packet.ts';

export interface BilibiliServer {
  url: string;
  auths: unknown[];
  heartbeats: number;
  /** The auth reply code: 0 accepts, -101 is the platform's "token invalid". */
  authCode: number;
  popularity: number;
  /** Resolves when the next client has authenticated (or at once when one is connected). */
  authed(): Promise<void>;
  send(messages: object[], ver?: 0 | 2 | 3): void;
  sendRaw(frame: Buffer): void;
  /** Cuts every client off, as a network drop does. */
  drop(): void;
  connections: number;
  close(): Promise<void>;
}

export async function startBilibiliServer(): Promise<BilibiliServer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/sub' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const clients = new Set<WebSocket>();
  let waiters: (() => void)[] = [];
  const server: BilibiliServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/sub`,
    auths: [],
    heartbeats: 0,
    authCode: 0,
    popularity: 4321,
    connections: 0,
    authed: () => (clients.size > 0 ? Promise.resolve() : new Promise((r) => waiters.push(r))),
    send: (messages, ver = VER.brotli) => {
      const frame = encodeMessages(messages, ver as 0 | 2 | 3);
      for (const c of clients) c.send(frame);
    },
    sendRaw: (frame) => {
      for (const c of clients) c.send(frame);
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
  wss.on('connection', (ws) => {
    server.connections++;
    ws.on('message', (data: Buffer) =>
      onClientFrame(server, ws, data, () => {
        clients.add(ws);
        const w = waiters;
        waiters = [];
        for (const r of w) r();
      }),
    );
    ws.on('close', () => clients.delete(ws));
  });
  return server;
}

function onClientFrame(server: BilibiliServer, ws: WebSocket, data: Buffer, accepted: () => void): void {
  const op = data.length >= HEADER_BYTES ? data.readUInt32BE(8) : -1;
  if (op === OP.auth) {
    server.auths.push(JSON.parse(data.subarray(HEADER_BYTES).toString('utf8')));
    ws.send(encodePacket(OP.authReply, { code: server.authCode }));
    if (server.authCode === 0) accepted();
    else ws.close();
  } else if (op === OP.heartbeat) {
    server.heartbeats++;
    const pop = Buffer.alloc(4);
    pop.writeUInt32BE(server.popularity);
    ws.send(encodePacket(OP.heartbeatReply, pop, VER.int));
  }
}

export { decodeFrame };
