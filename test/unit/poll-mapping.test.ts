import { describe, expect, it } from 'vitest';
import { mapPollResponse, readPath } from '../../server/sources/poll-mapping.ts';

const mapping = { online: 'data.online', exposureTotal: 'data.exposure', likesTotal: 'data.likes', ts: 'data.ts' };

describe('poll mapping', () => {
  it('reads dot paths', () => {
    expect(readPath({ a: { b: [1, 2] } }, 'a.b.1')).toBe(2);
    expect(readPath({ a: 1 }, 'a.b')).toBeUndefined();
  });
  it('turns gauges into online_count and running totals into deltas, the first poll setting the base', () => {
    const first = mapPollResponse(
      { data: { online: 120, exposure: 1000, likes: 10, ts: 1_700_000_000 } },
      mapping,
      { exposure: null, likes: null },
      5,
    );
    expect(first.events).toEqual([{ type: 'online_count', ts: 1_700_000_000_000, count: 120 }]);
    const second = mapPollResponse(
      { data: { online: 130, exposure: 1300, likes: 25 } },
      mapping,
      first.totals,
      1_700_000_005_000,
    );
    expect(second.events).toEqual([
      { type: 'online_count', ts: 1_700_000_005_000, count: 130 },
      { type: 'room_exposure', ts: 1_700_000_005_000, count: 300 },
      { type: 'like', ts: 1_700_000_005_000, count: 15 },
    ]);
  });
  it('ignores missing, negative or non-numeric figures instead of inventing zeros', () => {
    const r = mapPollResponse({ data: { online: 'n/a', exposure: -5 } }, mapping, { exposure: 100, likes: null }, 1);
    expect(r.events).toEqual([]);
    expect(r.totals.exposure).toBe(100);
  });
});
