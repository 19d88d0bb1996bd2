// socket.io across instances: @socket.io/redis-adapter 8.3 (Redis pub/sub) with ioredis 6. Chosen over
// @socket.io/redis-streams-adapter 0.3.1, whose peer ranges (ioredis ^5.3, redis ~5.10) exclude the clients
// installed here and whose issue #34 shows it hanging silently on an unsupported client major (docs/DEPLOY.md).
// Pub/sub drops what is published while Redis is away; screens heal that by design (seq gap or silence →
// resync, full snapshot every 30 s), and nothing durable travels this way: events go through the store.
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';

export interface ClusterAdapter {
  pub: Redis;
  sub: Redis;
  close(): Promise<void>;
}

/** `prefix` keeps clusters (and parallel tests) apart on one Redis. */
export function attachRedisAdapter(io: Server, redisUrl: string, prefix: string): ClusterAdapter {
  // Offline commands would queue while Redis is down and flood it on return: fail them fast instead.
  const pub = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
  const sub = pub.duplicate();
  // Reconnection is ioredis' own (retryStrategy); errors while Redis is away are expected, not crashes.
  pub.on('error', () => {});
  sub.on('error', () => {});
  // The adapter publishes fire-and-forget and never catches: with Redis away each broadcast would be an
  // unhandled rejection, which closes the process (seen in the three-process suite: every instance exited on
  // a Redis restart). A lost broadcast is healed by the screens' resync; the failure is not the caller's.
  const publish = pub.publish.bind(pub) as (...args: unknown[]) => Promise<number>;
  (pub as unknown as { publish: (...args: unknown[]) => Promise<number> }).publish = (...args) =>
    publish(...args).catch(() => 0);
  io.adapter(createAdapter(pub, sub, { key: `${prefix}socket.io`, requestsTimeout: 2_000 }));
  return {
    pub,
    sub,
    // quit, not disconnect: the adapter's own unsubscribes (made as io closes) are answered, not rejected.
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
