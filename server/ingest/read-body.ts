// Reading a request body as a stream under a byte limit: a declared content-length over the limit is refused
// before a byte is read, and an undeclared (chunked) body at the first chunk that passes it.
import type { IncomingMessage } from 'node:http';
import { BodyError } from './parse-body.ts';

export function tooLarge(limit: number): BodyError {
  return new BodyError(413, 'payload_too_large', `the body is over ${limit} bytes`);
}

/** Feeds each chunk of `req` to `onChunk` (which may throw to stop), within `limit` bytes. */
export async function readLimited(
  req: IncomingMessage,
  limit: number,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  let size = 0;
  try {
    // Not destroyed when stopped early: the refusal must reach the client (Fastify closes the connection after).
    for await (const chunk of req.iterator({ destroyOnReturn: false })) {
      size += (chunk as Buffer).length;
      if (size > limit) throw tooLarge(limit);
      onChunk(chunk as Buffer);
    }
  } catch (err) {
    req.resume();
    throw err;
  }
}
