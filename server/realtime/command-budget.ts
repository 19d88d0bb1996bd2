// Socket command budgets: token buckets on the server's clock, one pair (resync, other commands) per
// connection and one pair per seat of a room shared by all that seat's screens. A command over either
// budget is answered `rate_limited` and does nothing.
import {
  SEAT_COMMAND_BURST,
  SEAT_COMMANDS_PER_SECOND,
  SEAT_RESYNC_BURST,
  SEAT_RESYNCS_PER_SECOND,
  SOCKET_COMMAND_BURST,
  SOCKET_COMMANDS_PER_SECOND,
  SOCKET_RESYNC_BURST,
  SOCKET_RESYNCS_PER_SECOND,
} from '../../shared/constants.ts';

export class TokenBucket {
  private tokens: number;
  private last: number | null = null;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.tokens = burst;
  }

  /** Takes one token at wall time `now` (ms); false when the bucket is empty. */
  take(now: number): boolean {
    if (this.last !== null && now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    }
    this.last = this.last === null ? now : Math.max(this.last, now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export type CommandClass = 'resync' | 'command';

interface Pair {
  resync: TokenBucket;
  command: TokenBucket;
}

const socketPair = (): Pair => ({
  resync: new TokenBucket(SOCKET_RESYNC_BURST, SOCKET_RESYNCS_PER_SECOND),
  command: new TokenBucket(SOCKET_COMMAND_BURST, SOCKET_COMMANDS_PER_SECOND),
});
const seatPair = (): Pair => ({
  resync: new TokenBucket(SEAT_RESYNC_BURST, SEAT_RESYNCS_PER_SECOND),
  command: new TokenBucket(SEAT_COMMAND_BURST, SEAT_COMMANDS_PER_SECOND),
});

/** One per namespace: holds the seats' shared budgets (bounded by rooms × seats). */
export class CommandBudgets {
  private readonly seats = new Map<string, Pair>();

  /** A connection's check: its own budget first, then its seat's. */
  forSocket(roomId: string, seat: string): (cls: CommandClass, now: number) => boolean {
    const own = socketPair();
    const key = `${roomId}\u0000${seat}`;
    return (cls, now) => {
      if (!own[cls].take(now)) return false;
      let shared = this.seats.get(key);
      if (!shared) {
        shared = seatPair();
        this.seats.set(key, shared);
      }
      return shared[cls].take(now);
    };
  }
}

export const RATE_LIMITED = {
  ok: false as const,
  error: { code: 'rate_limited', message: 'too many commands from this screen or seat; try again in a second' },
};
