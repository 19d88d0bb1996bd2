// Clustered: a request that needs the room's engine (its rules, catalogue, sources, an import, its live state)
// and reaches an instance that does not run the room is sent on, as it came, to the instance that does, and
// its answer handed back. Routes say so with `config: { onOwner: true }`. Pushes are not forwarded (any
// instance commits them and tells the owner); reads of the store need no owner either.
//
// Plain HTTP to the owner's advertised address (Redis: `addr:<instance>`), not the socket.io adapter: an
// import can be megabytes and take longer than the adapter's request timeout, and a paused instance would make
// every adapter request wait that timeout out. A forwarded request carries HOP; one that reaches an instance
// which does not run the room either (it moved meanwhile) is answered 503 `no_owner`, never sent on again.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.ts';
import { sameSecret } from '../http/security.ts';
import type { ClusterNode } from './cluster-node.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Clustered: run this route on the instance that runs the room (`:id`), forwarding it there. */
    onOwner?: boolean;
  }
}

export const HOP = 'x-cluster-forwarded';

/** What HOP carries: derived from the admin token every instance of a cluster shares, so a client cannot
 * pass for a peer (and escape the per-address limit on failed authentication, security.ts). */
export function hopSecret(adminToken: string): string {
  return createHash('sha256').update(`cluster-hop\u0000${adminToken}`).digest('base64url');
}

/** True when the request was forwarded by another instance of this cluster. */
export function fromPeer(req: FastifyRequest, secret: string): boolean {
  const h = req.headers[HOP];
  return typeof h === 'string' && sameSecret(h, secret);
}

/** Headers that describe this connection, not the request. */
const CONNECTION_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
]);
const FORWARD_TIMEOUT_MS = 120_000;
const OWNER_POLL_MS = 100;

export function forwardToOwner(
  app: FastifyInstance,
  cluster: ClusterNode,
  secret: string,
  roomExists: (id: string) => Promise<boolean>,
) {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.routeOptions.config?.onOwner) return;
    const roomId = (req.params as { id?: unknown }).id;
    if (typeof roomId !== 'string' || cluster.runs(roomId)) return;
    let url = fromPeer(req, secret) ? null : await cluster.ownerAddress(roomId).catch(() => null);
    if (url === null) {
      // No such room: the route answers its own 404. A forwarded request is never sent on again.
      if (!(await roomExists(roomId).catch(() => true))) return;
      if (fromPeer(req, secret)) return noOwner(reply);
      // Between owners (just created, failover, hand-over): the next owner is there within a lease and a round.
      url = await untilOwned(cluster, roomId);
      if (cluster.runs(roomId)) return;
      if (url === null) return noOwner(reply);
    }
    return relay(req, reply, `${url}${req.url}`, secret);
  });
}

/** Polls (every OWNER_POLL_MS) until an instance runs the room, for up to TTL + TTL/3; its address or null. */
async function untilOwned(cluster: ClusterNode, roomId: string): Promise<string | null> {
  const ttl = cluster.opts.leaseTtlMs;
  const end = performance.now() + ttl + ttl / 3;
  while (performance.now() < end) {
    await new Promise((r) => setTimeout(r, OWNER_POLL_MS));
    if (cluster.runs(roomId)) return null;
    const url = await cluster.ownerAddress(roomId).catch(() => null);
    if (url !== null) return url;
  }
  return null;
}

function noOwner(reply: FastifyReply) {
  return reply
    .status(503)
    .header('retry-after', '1')
    .send({ statusCode: 503, code: 'no_owner', message: 'the room is moving to another server; try again' });
}

async function relay(req: FastifyRequest, reply: FastifyReply, target: string, secret: string) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined && !CONNECTION_HEADERS.has(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  headers[HOP] = secret;
  headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.ip].filter(Boolean).join(', ');
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  let res: Response;
  try {
    res = await fetch(target, {
      method: req.method,
      headers,
      ...(hasBody ? { body: new Uint8Array(await readBody(req, req.routeOptions.bodyLimit ?? 1024 * 1024)) } : {}),
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      redirect: 'manual',
    });
  } catch (err) {
    if (err instanceof HttpError) throw err;
    return noOwner(reply);
  }
  for (const h of ['content-type', 'retry-after', 'location'])
    if (res.headers.has(h)) reply.header(h, res.headers.get(h)!);
  return reply.status(res.status).send(Buffer.from(await res.arrayBuffer()));
}

/** The raw body as it came (its bytes are what the owner parses, and what a webhook signature covers). */
async function readBody(req: FastifyRequest, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.raw) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'body_too_large', `the body is over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
