// Issue 9, request forgery through a source: a poll source may reach only public addresses and those the
// operator lists in SOURCE_ALLOW, checked when set (400 address_refused) and on the resolved address at
// connect time; a source's error never shows what the other side answered.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson } from '../../server/sources/fetch-json.ts';
import { OutboundPolicy } from '../../server/sources/outbound-policy.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

const SECRET = 'loopback-only-secret-1234';
let secret: http.Server;
let secretUrl = '';
let s: TestServer;

beforeAll(async () => {
  secret = http.createServer((_req, res) => res.end(`${SECRET} not json`));
  await new Promise<void>((r) => secret.listen(0, '127.0.0.1', r));
  secretUrl = `http://127.0.0.1:${(secret.address() as AddressInfo).port}/admin`;
  s = await startServer({ sourceAllow: '' });
});
afterAll(async () => {
  await s.close();
  secret.close();
});

const poll = (url: string) => ({ kind: 'poll' as const, url, intervalMs: 1000, mapping: { online: 'online' } });

describe('outbound policy', () => {
  it('refuses a poll source pointed at loopback, by IP or by name', async () => {
    const room = await createRoom(s);
    for (const url of [
      secretUrl,
      secretUrl.replace('127.0.0.1', 'localhost'),
      'http://[::1]:9/',
      'http://169.254.169.254/latest',
      'http://0x7f000001/',
    ]) {
      const res = await fetch(`${s.url}/api/rooms/${room.id}/source`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${room.tokens.controller}`, 'content-type': 'application/json' },
        body: JSON.stringify(poll(url)),
      });
      const body = (await res.json()) as { code: string; message: string };
      expect(res.status, url).toBe(400);
      expect(body.code, url).toBe('address_refused');
    }
  });

  it('checks the resolved address at connect time (a name that turns private later is refused)', async () => {
    const policy = new OutboundPolicy([]);
    await expect(
      fetchJson(secretUrl.replace('127.0.0.1', 'localhost'), { headers: {}, timeoutMs: 2000, policy }),
    ).rejects.toThrow(/SOURCE_ALLOW/);
  });

  it('lets listed hosts and CIDRs through, and never echoes what was fetched', async () => {
    const policy = new OutboundPolicy(['127.0.0.0/8']);
    const err = await fetchJson(secretUrl, { headers: {}, timeoutMs: 2000, policy }).catch((e: Error) => e);
    expect((err as Error).message).toBe('response is not JSON');
    expect((err as Error).message).not.toContain(SECRET);
    expect(new OutboundPolicy(['localhost']).allowsAddress('127.0.0.1', 'localhost')).toBe(true);
    expect(new OutboundPolicy([]).allowsAddress('8.8.8.8')).toBe(true);
    expect(new OutboundPolicy([]).allowsAddress('::ffff:10.1.2.3')).toBe(false);
    expect(() => new OutboundPolicy(['10.0.0.0/99'])).toThrow(/CIDR/);
  });
});
