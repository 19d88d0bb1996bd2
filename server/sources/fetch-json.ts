// One GET of a JSON document for a polling source, through the outbound policy's connect-time lookup, with a
// size cap and errors that never repeat what the other side sent (a viewer reads a source's error).
import http from 'node:http';
import https from 'node:https';
import type { OutboundPolicy } from './outbound-policy.ts';

export const MAX_POLL_RESPONSE_BYTES = 1024 * 1024;

export interface FetchJsonOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  policy: OutboundPolicy;
  maxBytes?: number;
  /** A POST body (the 抖店 open API takes its parameters as one); without it, a GET. */
  body?: string;
}

export function fetchJson(url: string, opts: FetchJsonOptions): Promise<unknown> {
  const target = opts.policy.checkUrl(url, ['http:', 'https:']);
  const max = opts.maxBytes ?? MAX_POLL_RESPONSE_BYTES;
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target,
      {
        method: opts.body === undefined ? 'GET' : 'POST',
        headers: { accept: 'application/json', ...opts.headers },
        lookup: opts.policy.lookup,
        timeout: opts.timeoutMs,
      },
      (res) => {
        if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
          res.resume();
          return reject(new Error(`HTTP ${res.statusCode} from the source`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > max) {
            req.destroy();
            reject(new Error(`response larger than ${max} bytes`));
          } else chunks.push(c);
        });
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new Error('response is not JSON')); // JSON.parse's message would quote the body
          }
        });
        res.on('error', () => reject(new Error('response broke off')));
      },
    );
    req.end(opts.body);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => reject(new Error(describe(err))));
  });
}

/** The reason without anything read from the wire: refusals, timeouts and socket error codes. */
function describe(err: NodeJS.ErrnoException): string {
  if ((err as { code?: string }).code === 'address_refused') return err.message;
  if (err.message.startsWith('no answer within')) return err.message;
  return err.code ? `connection failed (${err.code})` : 'connection failed';
}
