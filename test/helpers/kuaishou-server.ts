// A local Kuaishou live-chat server speaking the web protocol: protobuf SocketMessages, the client's
// CSWebEnterRoom (200) answered with SCWebEnterRoomAck (300), heartbeats (1) with SCHeartbeatAck (101), and
// feed pushes (310) and watching lists (340) sent plain or gzipped as the platform does.
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  decodeSocketMessage,
  encodeSocketMessage,
  KS,
} from '../../server/sources/connectors/kuaishou/kuaishou-codec.ts';
import { type PbSpec, writePb } from '../../server/sources/connectors/pb-fields.ts';

export interface KuaishouServer {
  url: string;
  enters: { token: string | null; liveStreamId: string | null }[];
  heartbeats: number;
  entered(): Promise<void>;
  send(type: number, payload: PbSpec, gzip?: boolean): void;
  close(): Promise<void>;
}

export async function startKuaishouServer(): Promise<KuaishouServer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/websocket' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const clients = new Set<WebSocket>();
  let waiters: (() => void)[] = [];
  const server: KuaishouServer = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/websocket`,
    enters: [],
    heartbeats: 0,
    entered: () => (clients.size > 0 ? Promise.resolve() : new Promise((r) => waiters.push(r))),
    send: (type, payload, gzip = false) => {
      const frame = encodeSocketMessage(type, writePb(payload), gzip);
      for (const c of clients) c.send(frame);
    },
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
  wss.on('connection', (ws) => {
    ws.on('message', (data: Buffer) => {
      const m = decodeSocketMessage(data);
      if (m?.type === KS.enterRoom) {
        server.enters.push({ token: m.payload.str(1), liveStreamId: m.payload.str(2) });
        ws.send(encodeSocketMessage(KS.enterRoomAck, writePb({ 1: 30_000 })));
        clients.add(ws);
        const w = waiters;
        waiters = [];
        for (const r of w) r();
      } else if (m?.type === KS.heartbeat) {
        server.heartbeats++;
        ws.send(encodeSocketMessage(KS.heartbeatAck, writePb({ 1: Date.now() })));
      }
    });
    ws.on('close', () => clients.delete(ws));
  });
  return server;
}
