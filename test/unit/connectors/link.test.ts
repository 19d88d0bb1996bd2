// The connection states every connector shares: backoff that doubles up to its cap, a stable connection
// resetting it, a refused auth and an off-air room kept as they are while retrying, stop cancelling all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Link, type LinkEvents } from '../../../server/sources/connectors/link.ts';

let now = 1_000_000;
const clock = { now: () => now };
let opened: LinkEvents[] = [];
let closedConns = 0;

function link(retry = { minMs: 100, maxMs: 800 }) {
  return new Link({
    kind: 'test',
    clock,
    retry,
    open: (ev) => {
      opened.push(ev);
      return { close: () => closedConns++ };
    },
  });
}

/** Moves both clocks: the link's (health, stability) and the timers (reconnect delays). */
function advance(ms: number) {
  now += ms;
  vi.advanceTimersByTime(ms);
}

beforeEach(() => {
  vi.useFakeTimers();
  opened = [];
  closedConns = 0;
});
afterEach(() => vi.useRealTimers());

describe('Link', () => {
  it('backs off 100, 200, 400, 800, 800 ms while failing, showing when it retries', () => {
    const l = link();
    l.start();
    expect(l.health()).toMatchObject({ phase: 'connecting', status: 'idle' });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      opened.at(-1)!.closed('refused');
      const h = l.health();
      expect(h).toMatchObject({ phase: 'reconnecting', status: 'error', error: 'refused' });
      delays.push(h.retryAt! - now);
      advance(h.retryAt! - now);
    }
    expect(delays).toEqual([100, 200, 400, 800, 800]);
    expect(opened).toHaveLength(6);
  });

  it('starts the backoff again after a connection that stayed up', () => {
    const l = link();
    l.start();
    opened[0]!.closed('x');
    advance(100);
    opened[1]!.closed('x');
    advance(200);
    opened[2]!.live();
    expect(l.health()).toMatchObject({ phase: 'live', status: 'ok', error: null });
    advance(10_000);
    opened[2]!.closed('dropped');
    expect(l.health().retryAt! - now).toBe(100);
  });

  it('keeps auth_failed and offline while retrying; ignores a closed connection’s late events', () => {
    const l = link();
    l.start();
    opened[0]!.authFailed('code -101');
    opened[0]!.closed('closed');
    expect(l.health()).toMatchObject({ phase: 'auth_failed', status: 'error', error: 'code -101' });
    expect(l.health().retryAt! - now).toBe(800); // the longest delay
    opened[0]!.live(); // a late event from the dead connection
    expect(l.health().phase).toBe('auth_failed');
    advance(800);
    opened[1]!.live();
    opened[1]!.offline();
    opened[1]!.closed('closed');
    expect(l.health()).toMatchObject({ phase: 'offline', status: 'idle' });
  });

  it('turns stale after 75 s without data, and stop cancels the retry', () => {
    const l = link();
    l.start();
    opened[0]!.live();
    advance(76_000);
    expect(l.health().status).toBe('stale');
    opened[0]!.alive();
    expect(l.health().status).toBe('ok');
    opened[0]!.closed('x');
    l.stop();
    advance(10_000);
    expect(opened).toHaveLength(1);
    expect(l.health()).toMatchObject({ phase: 'stopped', retryAt: null });
  });

  it('a feed flapping between 连接中 and 重连 for longer than the stale limit is stale, never idle', () => {
    const l = link({ minMs: 1000, maxMs: 1000 });
    l.start();
    for (let i = 0; i < 20; i++) {
      opened.at(-1)!.closed('refused');
      advance(1000); // the next attempt: 连接中 again
    }
    expect(l.health().phase).toBe('connecting');
    expect(l.health().status).toBe('stale');
    opened.at(-1)!.live();
    expect(l.health().status).toBe('ok');
    l.stop();
  });
});
