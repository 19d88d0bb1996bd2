// One HTTP push of a batch of events, as every benchmark's pushers send it: the status and, on 200, how many
// events the server took (a line the validation refuses is not counted). Kept apart from bench/lib.ts so the
// pusher child processes do not load the server.
import { type Agent, request } from 'node:http';

export function postEvents(
  url: URL | string,
  token: string,
  body: Buffer,
  agent?: Agent,
  contentType = 'application/json',
): Promise<{ status: number; accepted: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        ...(agent ? { agent } : {}),
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': contentType,
          'content-length': body.length,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          text += d.toString();
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve({ status, accepted: status === 200 ? (JSON.parse(text) as { accepted: number }).accepted : 0 });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The events the server took from one push (throws on a refusal: a benchmark's pushes are all valid). */
export async function postRaw(url: URL, token: string, body: Buffer): Promise<number> {
  const { status, accepted } = await postEvents(url, token, body);
  if (status !== 200) throw new Error(`push answered ${status}`);
  return accepted;
}
