// HTTP hardening in one place: security headers (helmet with a CSP the built client passes), no tokens in
// logs, failed authentication rate-limited per address, and the metrics endpoint behind its own token.
import { createHash, timingSafeEqual } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthFailures } from './auth-failures.ts';
import { tooManyFailures } from './auth-failures.ts';

/** The client is one bundle from this origin; charts set style attributes, so inline styles stay allowed. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Constant-time equality of two secrets (hashed first, so lengths leak nothing either). */
export function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

/** Request lines are logged without their query string: seat links carry tokens there. */
export function requestSerializer(req: FastifyRequest) {
  return {
    method: req.method,
    url: req.url.split('?')[0],
    remoteAddress: req.ip,
  };
}

/**
 * `fromPeer`: clustered, a request another instance forwarded (forward-http.ts). Its failures are counted
 * there, against the client's address, as the answer passes back; counted here too they would fall on the
 * forwarding instance's address and, after a few guesses by anyone, lock every forwarded request out.
 */
export async function installSecurity(
  app: FastifyInstance,
  failures: AuthFailures,
  now: () => number,
  fromPeer: (req: FastifyRequest) => boolean = () => false,
) {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // The console is plain HTTP on a LAN as often as behind TLS: no HSTS or upgrade from here.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  // A locked-out address still has its token checked: a valid token (a seat, the admin) is never refused for
  // the address's earlier failures (one office NAT, one guesser); only another failure answers 429.
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode !== 401 || fromPeer(req)) return payload;
    const wait = failures.retryAfterMs(req.ip, now());
    if (wait === 0) return payload;
    reply.code(429).header('retry-after', Math.ceil(wait / 1000));
    return JSON.stringify({ statusCode: 429, ...tooManyFailures(wait) });
  });
  app.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode === 401 && !fromPeer(req)) failures.fail(req.ip, now());
  });
}

/** The prompter fits an OBS dock, which frames the page: only the host's screen may be framed. */
export function allowFraming(reply: FastifyReply): void {
  reply.removeHeader('x-frame-options');
  const csp = String(reply.getHeader('content-security-policy') ?? '');
  reply.header('content-security-policy', csp.replace("frame-ancestors 'none'", 'frame-ancestors *'));
}
