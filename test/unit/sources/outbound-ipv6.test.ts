// Issue 16.9: the outbound policy refuses every IPv6 spelling of a loopback, private or link-local IPv4 address
// (mapped, compatible, translated, 6to4, in hex or dotted, expanded or compressed), the IPv6 special ranges,
// and NAT64, unless SOURCE_ALLOW lists them. Property-tested over generated embeddings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embeddedIPv4, parseIPv6 } from '../../../server/sources/ipv6-embedding.ts';
import { AddressRefusedError, OutboundPolicy } from '../../../server/sources/outbound-policy.ts';

const policy = new OutboundPolicy();
const refusedUrl = (host: string) => {
  try {
    policy.checkUrl(`http://[${host}]/`, ['http:']);
    return false;
  } catch (err) {
    return err instanceof AddressRefusedError;
  }
};

/** Private, loopback, link-local, CGNAT and "this network" IPv4 addresses, as four bytes. */
const privateV4 = fc.oneof(
  fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(0), fc.nat(255), fc.nat(255), fc.integer({ min: 2, max: 255 })),
);
type Quad = [number, number, number, number];
const hex = (q: Quad) => [((q[0] << 8) | q[1]).toString(16), ((q[2] << 8) | q[3]).toString(16)];
const dotted = (q: Quad) => q.join('.');

/** Every way to write `q` inside an IPv6 address that this policy must see through. */
const EMBEDDINGS: ((q: Quad, x: number) => string)[] = [
  (q) => `::ffff:${dotted(q)}`,
  (q) => `::ffff:${hex(q).join(':')}`,
  (q) => `0:0:0:0:0:ffff:${hex(q).join(':')}`,
  (q) => `0000:0000:0000:0000:0000:FFFF:${dotted(q)}`,
  (q) => `::${dotted(q)}`,
  (q) => `::${hex(q).join(':')}`,
  (q) => `::ffff:0:${dotted(q)}`,
  (q, x) => `2002:${hex(q).join(':')}::${x.toString(16)}`,
  (q, x) => `2002:${hex(q).join(':')}:${x.toString(16)}::1`,
  (q) => `64:ff9b::${dotted(q)}`,
  (q) => `64:ff9b::${hex(q).join(':')}`,
  (q, x) => `64:ff9b:1:${x.toString(16)}::${hex(q).join(':')}`,
];

describe('outbound policy, IPv6', () => {
  it('refuses a private IPv4 address in every IPv6 embedding, as a URL host and as a resolved address', () => {
    fc.assert(
      fc.property(privateV4, fc.nat(EMBEDDINGS.length - 1), fc.nat(0xffff), (q, i, x) => {
        const host = EMBEDDINGS[i]!(q as Quad, x);
        expect(policy.allowsAddress(host), host).toBe(false);
        expect(refusedUrl(host), host).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses the named examples and the special ranges', () => {
    for (const host of [
      '::127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
      '::1',
      '0:0:0:0:0:0:0:1',
      '::',
      'fe80::1',
      'fe80::1%eth0',
      'fc00::1',
      'fd12:3456::1',
      'fec0::1',
      'ff02::1',
      '64:ff9b::8.8.8.8', // NAT64 is refused whatever it embeds: the gateway may reach the LAN
      '64:ff9b:1::1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo
      '2001:db8::1',
      '2002:c0a8:0101::1', // 6to4 of 192.168.1.1
    ]) {
      expect(policy.allowsAddress(host), host).toBe(false);
      if (!host.includes('%')) expect(refusedUrl(host), host).toBe(true);
    }
  });

  it('lets public IPv6, public 6to4 and public mapped IPv4 through', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.nat(255),
        fc.nat(255),
        fc.integer({ min: 1, max: 254 }),
        (a, b, c, d) => {
          const q: Quad = [a === 10 ? 11 : a, b, c, d];
          for (const host of [`::ffff:${dotted(q)}`, `2002:${hex(q).join(':')}::1`]) {
            expect(policy.allowsAddress(host), host).toBe(true);
          }
        },
      ),
    );
    for (const host of ['2606:4700:4700::1111', '2400:3200::1', '::ffff:8.8.8.8']) {
      expect(policy.allowsAddress(host), host).toBe(true);
      expect(refusedUrl(host), host).toBe(false);
    }
  });

  it('lets through what SOURCE_ALLOW lists, in any spelling', () => {
    const listed = new OutboundPolicy(['10.0.0.0/8', '64:ff9b::/96', '::1']);
    for (const host of ['::ffff:10.0.0.1', '::ffff:a00:1', '::10.1.2.3', '64:ff9b::c0a8:101', '0:0:0:0:0:0:0:1']) {
      expect(listed.allowsAddress(host), host).toBe(true);
    }
    expect(listed.allowsAddress('::ffff:127.0.0.1')).toBe(false);
  });

  it('parses IPv6 text to bytes the way the WHATWG URL parser spells it', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
        expect(parseIPv6(ip)).toEqual(parseIPv6(canonical));
      }),
      { numRuns: 1000 },
    );
    expect(parseIPv6('1::2::3')).toBeNull();
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIPv6('::1.2.3.256')).toBeNull();
    expect(embeddedIPv4(parseIPv6('::1')!)).toBeNull();
  });
});
