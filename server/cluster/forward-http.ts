// Clustered: a request that needs the room's engine (its rules, catalogue, sources, an import, its live state)
// and reaches an instance that does not run the room is sent on, as it came, to the instance that does, and
// its answer handed back. Routes say so with `config: { onOwner: true }`. Pushes are not forwarded (any
// instance commits them and tells the owner); reads of the store need no owner either.
//
// Plain HTTP to the owner's advertised address (Redis: `addr:<instance>`), not the socket.io adapter: an
// import can be megabytes and take longer than the adapter's request timeout, and a paused instance would make
// every adapter request wait that timeout out. A forwarded request carries HOP; one that reaches an instance
// which does not run the room either (it moved meanwhile, or its lease ran out) is answered 503 `no_owner`,
// never sent on again, and the instance that forwarded it asks the room's next owner (or, if it took the room
// itself meanwhile, answers it here) for up to a lease and a round before it gives the client that 503.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.ts';
import { sameSecret } from '../http/security.ts';
import type { ClusterNode } from './cluster-node.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Clustered: run this route on the instance that runs the room (`:id`), forwarding it there. */
    onOwner?: boolean;
    /** The route reads its body as a stream (an import of any size): forwarded as it arrives, not buffered. */
    streamedBody?: boolean;
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
/** Connection errors that mean the request never reached the owner, so it may go to the next one. */
const NOT_REACHED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

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
    if (fromPeer(req, secret)) {
      // A forwarded request is never sent on again; no such room: the route answers its own 404.
      if (!(await roomExists(roomId).catch(() => true))) return;
      return noOwner(reply);
    }
    const first = await cluster.ownerAddress(roomId).catch(() => null);
    if (first === null && !(await roomExists(roomId).catch(() => true))) return;
    // A streamed body (an import of any size) is relayed as it arrives, never held here: it can be sent once
    // only, so a relay that fails is answered 503 for the client to send again (ids make that idempotent).
    const streamed = req.routeOptions.config?.streamedBody === true;
    const body =
      req.method === 'GET' || req.method === 'HEAD' || streamed
        ? null
        : await readBody(req, req.routeOptions.bodyLimit ?? 1024 * 1024);
    // Between owners (just created, failover, hand-over, or an owner past its lease that still answers) the
    // next owner is there within a lease and a round: until then, ask again every OWNER_POLL_MS.
    const ttl = cluster.opts.leaseTtlMs;
    const end = performance.now() + ttl + ttl / 3;
    let url = first;
    for (;;) {
      // Streamed: its body is still unread, so the route itself runs here.
      if (cluster.runs(roomId)) return streamed ? undefined : answerHere(app, req, reply, body);
      if (url !== null) {
        const res = await relay(req, `${url}${req.url}`, secret, streamed ? req.raw : body);
        if (res !== null) return send(reply, res);
        if (streamed) return noOwner(reply);
      }
      if (performance.now() >= end) return noOwner(reply);
      await new Promise((r) => setTimeout(r, OWNER_POLL_MS));
      url = await cluster.ownerAddress(roomId).catch(() => null);
    }
  });
}

/** This instance took the room while the request waited: it runs here (its body was read already). */
async function answerHere(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, body: Buffer | null) {
  const res = await app.inject({
    method: req.method as 'GET',
    url: req.url,
    headers: connectionFree(req.headers),
    remoteAddress: req.ip,
    ...(body ? { payload: body } : {}),
  });
  for (const h of ['content-type', 'retry-after', 'location'])
    if (res.headers[h] !== undefined) reply.header(h, res.headers[h]);
  return reply.status(res.statusCode).send(res.rawPayload);
}

function noOwner(reply: FastifyReply) {
  return reply
    .status(503)
    .header('retry-after', '1')
    .send({ statusCode: 503, code: 'no_owner', message: 'the room is moving to another server; try again' });
}

function connectionFree(h: FastifyRequest['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined && !CONNECTION_HEADERS.has(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return headers;
}

/** The owner's answer, or null when it did not answer or no longer runs the room (ask again). */
async function relay(req: FastifyRequest, target: string, secret: string, body: Buffer | Readable | null) {
  const headers = connectionFree(req.headers);
  headers[HOP] = secret;
  headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.ip].filter(Boolean).join(', ');
  try {
    const res = await fetch(target, {
      method: req.method,
      headers,
      ...(Buffer.isBuffer(body) ? { body: new Uint8Array(body) } : {}),
      // A streamed body takes as long as its sender does: no deadline but the sender's.
      ...(body && !Buffer.isBuffer(body)
        ? { body: Readable.toWeb(body) as ReadableStream, duplex: 'half' as const }
        : { signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) }),
      redirect: 'manual',
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status === 503 && bytes.includes('"no_owner"')) return null;
    return { status: res.status, headers: res.headers, bytes };
  } catch (err) {
    // Never reached (the owner's process is gone): ask the next owner. Reached and then lost or too slow: the
    // owner may have done it (an import without event ids would be stored twice), so it is not sent again.
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (code !== undefined && NOT_REACHED.has(code)) return null;
    const timedOut = (err as Error).name === 'TimeoutError';
    const [status, what] = timedOut ? [504, 'did not answer in time'] : [502, 'dropped the request'];
    const bytes = Buffer.from(
      JSON.stringify({ statusCode: status, code: 'owner_unreachable', message: `the room's server ${what}` }),
    );
    return { status, headers: new Headers({ 'content-type': 'application/json' }), bytes };
  }
}

function send(reply: FastifyReply, res: { status: number; headers: Headers; bytes: Buffer }) {
  for (const h of ['content-type', 'retry-after', 'location'])
    if (res.headers.has(h)) reply.header(h, res.headers.get(h)!);
  return reply.status(res.status).send(res.bytes);
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
