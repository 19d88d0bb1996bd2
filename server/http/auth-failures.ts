// Failed authentication is rate-limited per address, on HTTP and on socket handshakes alike: a guesser gets
// AUTH_FAILURES_PER_WINDOW tries per window, then 429 `too_many_auth_failures` until the window passes. Only
// failures are answered so: a valid token from a locked-out address is still let in (a guesser behind the same
// NAT as a studio must not lock the studio out).
// Tokens are 144-bit random, so this is about noise and log floods more than guessing, but it also caps the
// work one address can cause with bad tokens.
import {
  AUTH_FAILURE_WINDOW_MS,
  AUTH_FAILURES_PER_WINDOW,
  MAX_TRACKED_AUTH_ADDRESSES,
} from '../../shared/constants.ts';

interface Window {
  start: number;
  count: number;
}

export class AuthFailures {
  private readonly byAddress = new Map<string, Window>();

  private window(address: string, now: number): Window | null {
    const w = this.byAddress.get(address);
    if (!w) return null;
    if (now - w.start >= AUTH_FAILURE_WINDOW_MS) {
      this.byAddress.delete(address);
      return null;
    }
    return w;
  }

  /** Ms until this address may try again, or 0 when it may try now. */
  retryAfterMs(address: string, now: number): number {
    const w = this.window(address, now);
    return w && w.count >= AUTH_FAILURES_PER_WINDOW ? w.start + AUTH_FAILURE_WINDOW_MS - now : 0;
  }

  fail(address: string, now: number): void {
    const w = this.window(address, now);
    if (w) {
      w.count++;
      return;
    }
    // Memory stays bounded under a spray from many addresses: the oldest entry goes first.
    if (this.byAddress.size >= MAX_TRACKED_AUTH_ADDRESSES) {
      const oldest = this.byAddress.keys().next().value;
      if (oldest !== undefined) this.byAddress.delete(oldest);
    }
    this.byAddress.set(address, { start: now, count: 1 });
  }
}

export function tooManyFailures(retryMs: number) {
  return {
    code: 'too_many_auth_failures',
    message: `too many failed authentications from this address; try again in ${Math.ceil(retryMs / 1000)} s`,
  };
}
