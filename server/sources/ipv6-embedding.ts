// The IPv4 address an IPv6 address carries, when it carries one a host would reach: IPv4-mapped
// (::ffff:a.b.c.d, however spelled: ::ffff:7f00:1), IPv4-compatible (::a.b.c.d, as [::127.0.0.1] parses),
// IPv4-translated (::ffff:0:a.b.c.d) and 6to4 (2002:aabb:ccdd::/48). The outbound policy judges these by the
// IPv4 inside, so a private or loopback address is refused in every spelling. NAT64 prefixes are refused as
// ranges of their own (outbound-policy.ts), whatever they embed.

/** 16 bytes of an IPv6 text address (zone id dropped), or null when it is not one. */
export function parseIPv6(text: string): Uint8Array | null {
  const s = text.replace(/%.*$/, '').toLowerCase();
  if (!/^[0-9a-f:.]+$/.test(s) || s.split('::').length > 2) return null;
  const words: number[] = [];
  const toWords = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const groups = part.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (i === groups.length - 1 && g.includes('.')) {
        const q = g.split('.').map((x) => (/^\d{1,3}$/.test(x) ? Number(x) : Number.NaN));
        if (q.length !== 4 || q.some((x) => !(x >= 0 && x <= 255))) return null;
        out.push((q[0]! << 8) | q[1]!, (q[2]! << 8) | q[3]!);
      } else if (/^[0-9a-f]{1,4}$/.test(g)) out.push(Number.parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = toWords(head);
  const t = tail === undefined ? [] : toWords(tail);
  if (!h || !t) return null;
  if (tail === undefined) {
    if (h.length !== 8) return null;
    words.push(...h);
  } else {
    if (h.length + t.length > 7) return null;
    words.push(...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t);
  }
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}

const quad = (b: Uint8Array, at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
const zero = (b: Uint8Array, from: number, to: number) => b.subarray(from, to).every((x) => x === 0);

/** The IPv4 address embedded in `b`, or null. `::` and `::1` stay IPv6 (unspecified, loopback). */
export function embeddedIPv4(b: Uint8Array): string | null {
  if (zero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return quad(b, 12); // ::ffff:0:0/96 mapped
  if (zero(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && zero(b, 10, 12)) return quad(b, 12); // translated
  if (zero(b, 0, 12) && !(zero(b, 12, 15) && b[15]! <= 1)) return quad(b, 12); // compatible, not :: or ::1
  if (b[0] === 0x20 && b[1] === 0x02) return quad(b, 2); // 6to4
  return null;
}
