import { describe, expect, it } from 'vitest';
import { RecentActors } from '../../../server/engine/recent-actors.ts';

describe('RecentActors', () => {
  it('counts a flooding viewer once, anonymous acts each, and forgets acts older than the window', () => {
    const a = new RecentActors();
    // In time order, as the engine applies them: u2 at 2000, anonymous at 2500 and 2600, the flooder until 4900.
    for (let i = 0; i < 40; i++) {
      const ts = 1000 + i * 100;
      a.add(ts, 'flooder');
      if (ts === 2000) a.add(ts, 'u2');
      if (ts === 2500 || ts === 2600) a.add(ts, undefined);
    }
    expect(a.count(5000)).toBe(4);
    expect(a.count(62_000)).toBe(3); // u2 acted at 2000: out of (2000, 62000]
    expect(a.count(62_550)).toBe(2); // the flooder's last line (4900) still counts, one anonymous is gone
    expect(a.count(70_000)).toBe(0);
  });
});
