// One GET of a JSON document for a polling source, through the outbound policy's connect-time lookup, with a
// size cap and errors that never repeat what the other side sent (a viewer reads a source's error).
// `timeoutMs` is a deadline for the whole request, body included: a server that trickles its answer (one
// byte every few seconds never trips a socket idle timeout) fails at the deadline like one that never answers.
import http from 'node:http';
import https from 'node:https';
import type { OutboundPolicy } from './outbound-policy.ts';

export const MAX_POLL_RESPONSE_BYTES = 1024 * 1024;

export interface FetchJsonOptions {
  headers: Record<string, string>;
  /** Whole-request deadline: connect, headers and the full body. */
  timeoutMs: number;
  policy: OutboundPolicy;
  maxBytes?: number;
  /** Aborts the request at once (the source stops: shutdown never waits on a poll). */
  signal?: AbortSignal;
  /** A POST body (the 抖店 open API takes its parameters as one); without it, a GET. */
  body?: string;
}

export function deadlineMessage(timeoutMs: number): string {
  return `the source did not answer in full within ${timeoutMs} ms`;
}
export const ABORTED_MESSAGE = 'request stopped (the source was stopped)';

export function fetchJson(url: string, opts: FetchJsonOptions): Promise<unknown> {
  const target = opts.policy.checkUrl(url, ['http:', 'https:']);
  const max = opts.maxBytes ?? MAX_POLL_RESPONSE_BYTES;
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new Error(ABORTED_MESSAGE));
    let done = false;
    const settle = (err: Error | null, value?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value);
    };
    const deadline = setTimeout(() => settle(new Error(deadlineMessage(opts.timeoutMs))), opts.timeoutMs);
    const onAbort = () => settle(new Error(ABORTED_MESSAGE));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const req = lib.request(
      target,
      {
        method: opts.body === undefined ? 'GET' : 'POST',
        headers: { accept: 'application/json', ...opts.headers },
        lookup: opts.policy.lookup,
      },
      (res) => {
        if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
          res.resume();
          return settle(new Error(`HTTP ${res.statusCode} from the source`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > max) settle(new Error(`response larger than ${max} bytes`));
          else chunks.push(c);
        });
        res.on('end', () => {
          try {
            settle(null, JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            settle(new Error('response is not JSON')); // JSON.parse's message would quote the body
          }
        });
        res.on('error', () => settle(new Error('response broke off')));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => settle(new Error(describe(err))));
    req.end(opts.body);
  });
}

/** The reason without anything read from the wire: refusals and socket error codes. */
function describe(err: NodeJS.ErrnoException): string {
  if ((err as { code?: string }).code === 'address_refused') return err.message;
  return err.code ? `connection failed (${err.code})` : 'connection failed';
}
