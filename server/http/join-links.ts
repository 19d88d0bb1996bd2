// One-time seat links. A browser records every address it opens (History, the tab's session files), so a link
// that carries the seat's token leaves the token there for good. A join link carries a code instead: signed
// by the server (room, seat, expiry, a nonce, a fingerprint of the seat's token), exchanged once for the
// HttpOnly seat cookie (POST /api/session), refused after that. What the browser keeps is a spent code.
// Rotating or revoking the seat changes the fingerprint, so its unused join links die with it.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from './security.ts';

export const JOIN_LINK_TTL_MS = 24 * 3600_000;
/** Spent codes remembered until they expire; past this many the oldest go (they are signed: few exist). */
const MAX_SPENT = 100_000;

interface Claims {
  /** seat */
  s: string;
  /** expiry, wall ms */
  e: number;
  n: string;
  /** the first 16 hex of the seat token's SHA-256 */
  f: string;
}

export type Redeemed =
  | { ok: true; seat: string }
  | { ok: false; status: 401 | 410; code: 'bad_join_link' | 'join_link_used' | 'join_link_expired'; message: string };

const USED: Redeemed = {
  ok: false,
  status: 410,
  code: 'join_link_used',
  message: 'this seat link was already opened once; ask for a new one',
};

export const tokenFingerprint = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);

export class JoinLinks {
  private readonly key: Buffer;
  private readonly spent = new Map<string, number>();

  constructor(adminToken: string) {
    this.key = createHash('sha256').update(`join-link\u0000${adminToken}`).digest();
  }

  mint(roomId: string, seat: string, token: string, now: number): { code: string; expiresAt: number } {
    const claims: Claims = {
      s: seat,
      e: now + JOIN_LINK_TTL_MS,
      n: randomBytes(9).toString('base64url'),
      f: tokenFingerprint(token),
    };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { code: `${body}.${this.sign(roomId, body)}`, expiresAt: claims.e };
  }

  /** The seat a well-signed code names, without spending it (the page's framing rule reads it). */
  peek(roomId: string, code: string): Claims | null {
    const [body, sig, extra] = code.split('.');
    if (!body || !sig || extra !== undefined || !sameSecret(sig, this.sign(roomId, body))) return null;
    try {
      const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
      return typeof c.s === 'string' && typeof c.e === 'number' && typeof c.n === 'string' && typeof c.f === 'string'
        ? c
        : null;
    } catch {
      return null;
    }
  }

  /** Spends the code when it is good and `currentToken` (the seat's token now) is the one it was minted for. */
  async redeem(
    roomId: string,
    code: string,
    currentToken: (seat: string) => Promise<string | undefined>,
    now: number,
  ): Promise<Redeemed> {
    const r = await this.check(roomId, code, currentToken, now);
    if (!r.ok) return r;
    const c = this.peek(roomId, code)!;
    // Checked again after the lookup: two tabs opening the same link at once get one seat between them.
    if (this.spent.has(c.n)) return USED;
    this.spend(c, now);
    return r;
  }

  private async check(
    roomId: string,
    code: string,
    currentToken: (seat: string) => Promise<string | undefined>,
    now: number,
  ): Promise<Redeemed> {
    const c = this.peek(roomId, code);
    const bad = { ok: false, status: 401, code: 'bad_join_link' } as const;
    if (!c) return { ...bad, message: 'this link is not a seat link of this room' };
    if (now > c.e) return { ok: false, status: 410, code: 'join_link_expired', message: 'this seat link has expired' };
    if (this.spent.has(c.n)) return USED;
    const token = await currentToken(c.s);
    if (!token || tokenFingerprint(token) !== c.f) return { ...bad, message: 'this seat link was replaced or revoked' };
    return { ok: true, seat: c.s };
  }

  private spend(c: Claims, now: number): void {
    for (const [n, exp] of this.spent) if (exp < now) this.spent.delete(n);
    while (this.spent.size >= MAX_SPENT) this.spent.delete(this.spent.keys().next().value!);
    this.spent.set(c.n, c.e);
  }

  private sign(roomId: string, body: string): string {
    return createHmac('sha256', this.key).update(`${roomId}\u0000${body}`).digest('base64url');
  }
}
