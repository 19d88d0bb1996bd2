// The chosen socket.io adapter with the installed ioredis: a broadcast to a room on one server reaches a
// screen connected to another, a server-side request is answered across, and broadcasts resume after Redis
// itself restarts (the adapter resubscribes on its own).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRedisAdapter, type ClusterAdapter } from '../../../server/cluster/redis-adapter.ts';
import { PrivateRedis, REDIS_SERVER } from '../../helpers/private-redis.ts';
import { needs } from '../../helpers/requirements.ts';

interface Node {
  io: Server;
  url: string;
  adapter: ClusterAdapter;
}

async function node(redisUrl: string): Promise<Node> {
  const http = createServer();
  const io = new Server(http);
  const adapter = attachRedisAdapter(io, redisUrl, 'adapter-test:');
  io.on('connection', (s) => void s.join('room-1'));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return { io, adapter, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

function nextMessage(s: Socket, event: string): Promise<unknown> {
  return new Promise((resolve) => s.once(event, resolve));
}

describe('socket.io Redis adapter across instances', needs(REDIS_SERVER), () => {
  let redis: PrivateRedis;
  let a: Node;
  let b: Node;
  let screen: Socket;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    a = await node(redis.url);
    b = await node(redis.url);
    screen = connect(b.url, { transports: ['websocket'], forceNew: true });
    await new Promise<void>((r) => screen.once('connect', () => r()));
    await Promise.all([a, b].map((n) => n.adapter.sub.ping()));
  });
  afterAll(async () => {
    screen?.disconnect();
    for (const n of [a, b]) {
      if (!n) continue;
      await new Promise<void>((r) => n.io.close(() => r()));
      await n.adapter.close();
    }
    await redis?.stop();
  });

  /** Publishes until one arrives: a subscription being (re)made may miss the first, as a screen may a tick. */
  async function deliveredAcross(tag: string): Promise<unknown> {
    const got = nextMessage(screen, 'room:tick');
    let done = false;
    void got.then(() => {
      done = true;
    });
    while (!done) {
      a.io.to('room-1').emit('room:tick', { tag });
      // One Redis round trip between tries: paced by Redis, not by a timer.
      await Promise.race([got, a.adapter.pub.ping().catch(() => null)]);
    }
    return got;
  }

  it('delivers a broadcast made on another instance', async () => {
    expect(await deliveredAcross('first')).toEqual({ tag: 'first' });
    expect((await a.io.fetchSockets()).length).toBe(1);
  });

  it('keeps delivering after Redis restarts', async () => {
    await redis.stop();
    await redis.restart();
    expect(await deliveredAcross('after-restart')).toEqual({ tag: 'after-restart' });
  });
});
