// Where sources may connect. A controller names a source's URL, so without a rule the server would fetch
// anything it can reach (its own loopback services, the cloud metadata address, the office LAN) on their
// behalf. Public addresses are allowed; loopback, private, link-local and other special ranges are refused
// unless the operator lists them in SOURCE_ALLOW (host names or CIDRs; a relay often runs on the same machine).
// The check runs where the address is known for sure: on the resolved address at connect time (the `lookup`
// given to http/ws), so a name that resolves to a public address when checked and to 127.0.0.1 when dialled
// (DNS rebinding) is still refused; literal IPs, which skip lookup, are checked up front.
import dns from 'node:dns';
import net from 'node:net';
import { embeddedIPv4, parseIPv6 } from './ipv6-embedding.ts';

export class AddressRefusedError extends Error {
  readonly code = 'address_refused';
}

const SPECIAL_V4 = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const;
const SPECIAL_V6 = [
  ['::', 128],
  ['::1', 128],
  // NAT64 (well-known and local-use): a gateway turns these into IPv4 of any kind, the LAN's included.
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo: carries an IPv4 address, obfuscated
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed on some LANs)
  ['ff00::', 8],
] as const;

const special = new net.BlockList();
for (const [a, p] of SPECIAL_V4) special.addSubnet(a, p, 'ipv4');
for (const [a, p] of SPECIAL_V6) special.addSubnet(a, p, 'ipv6');

/** `::ffff:127.0.0.1`, `::ffff:7f00:1` and `::127.0.0.1` are 127.0.0.1: an embedded IPv4 is judged as IPv4. */
function normalise(ip: string): { ip: string; family: 'ipv4' | 'ipv6' } | null {
  const bare = (ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip).replace(/%.*$/, '');
  const v = net.isIP(bare);
  if (v === 4) return { ip: bare, family: 'ipv4' };
  if (v !== 6) return null;
  const bytes = parseIPv6(bare);
  if (!bytes) return null;
  const v4 = embeddedIPv4(bytes);
  return v4 ? { ip: v4, family: 'ipv4' } : { ip: bare, family: 'ipv6' };
}

export function isSpecialAddress(ip: string): boolean {
  const n = normalise(ip);
  return n === null || special.check(n.ip, n.family);
}

export class OutboundPolicy {
  private readonly cidrs = new net.BlockList();
  private readonly hosts = new Set<string>();

  /** `allow`: host names and CIDRs (or single addresses) the operator trusts; throws on a malformed entry. */
  constructor(allow: readonly string[] = []) {
    for (const raw of allow) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      const [addr, bits] = entry.split('/');
      const n = normalise(addr!);
      if (n) {
        const max = n.family === 'ipv4' ? 32 : 128;
        const prefix = bits === undefined ? max : Number(bits);
        if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new Error(`bad CIDR "${raw}"`);
        this.cidrs.addSubnet(n.ip, prefix, n.family);
      } else if (bits === undefined && /^[a-z0-9.-]{1,253}$/.test(entry)) this.hosts.add(entry);
      else throw new Error(`"${raw}" is neither a host name nor a CIDR`);
    }
  }

  /** Whether the address may be dialled (public, or listed). */
  allowsAddress(ip: string, host = ''): boolean {
    if (this.hosts.has(host.toLowerCase())) return true;
    const n = normalise(ip);
    if (n === null) return false;
    return !special.check(n.ip, n.family) || this.cidrs.check(n.ip, n.family);
  }

  /**
   * Checks a URL before use: its scheme, and a literal IP host (which never goes through lookup). Names are
   * judged on the address they resolve to, at connect time, by `lookup`. Returns the parsed URL.
   */
  checkUrl(url: string, schemes: readonly string[]): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AddressRefusedError('not a valid URL');
    }
    if (!schemes.includes(parsed.protocol)) {
      throw new AddressRefusedError(`${parsed.protocol} is not allowed here (${schemes.join(' ')})`);
    }
    const host = parsed.hostname;
    if (normalise(host) && !this.allowsAddress(host)) throw refused(host, host);
    return parsed;
  }

  /** The full check at configuration time: the URL, and every address its host resolves to now. */
  async checkResolved(url: string, schemes: readonly string[]): Promise<URL> {
    const parsed = this.checkUrl(url, schemes);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (normalise(host) || this.hosts.has(host.toLowerCase())) return parsed;
    let addrs: dns.LookupAddress[];
    try {
      addrs = await dns.promises.lookup(host, { all: true });
    } catch {
      throw new AddressRefusedError(`cannot resolve ${host}`);
    }
    for (const a of addrs) if (!this.allowsAddress(a.address, host)) throw refused(host, a.address);
    return parsed;
  }

  /** A `lookup` for http.request / ws / net.connect that refuses what the policy refuses, at connect time. */
  readonly lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addrs) => {
      if (err) return callback(err, '', 4);
      const list = addrs as dns.LookupAddress[];
      const bad = list.find((a) => !this.allowsAddress(a.address, hostname));
      if (bad) return callback(refused(hostname, bad.address) as NodeJS.ErrnoException, '', 4);
      if ((options as dns.LookupOptions).all) return (callback as unknown as AllCallback)(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}

type AllCallback = (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void;

function refused(host: string, address: string): AddressRefusedError {
  const shown = host === address ? address : `${host} (${address})`;
  return new AddressRefusedError(
    `${shown} is a loopback, private or special address; list it in SOURCE_ALLOW to let sources reach it`,
  );
}
