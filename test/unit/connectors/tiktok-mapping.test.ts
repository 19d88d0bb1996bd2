// tiktok-live-connector 2.5.0 payloads (recorded shapes, tiktok-live-proto v3 names) → events. The live
// connection itself needs the internet and a signing service and is not tested here (docs/CONNECTORS.md).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type TikTokEventName, TikTokMapper } from '../../../server/sources/connectors/tiktok/tiktok-mapping.ts';

const recorded = JSON.parse(
  fs.readFileSync(new URL('../../fixtures/connectors/tiktok-events.json', import.meta.url), 'utf8'),
) as {
  event: TikTokEventName;
  data: unknown;
}[];
const TS = 1_764_763_200_000;

describe('TikTok mapping', () => {
  const m = new TikTokMapper();
  const results = recorded.map((r) => m.map(r.event, r.data, TS));
  const events = results.flatMap((r) => r.events);

  it('maps chat with the platform id and nickname', () => {
    expect(events[0]).toEqual({
      type: 'comment',
      ts: TS,
      text: 'how much is the jacket?',
      userId: '6812345678901234567',
      nickname: 'Sunny Mei',
      id: 'tt-7441555000000000001',
    });
  });

  it('maps member, follow, share, counters and the end of the stream', () => {
    expect(events.map((e) => e.type)).toEqual([
      'comment',
      'viewer_enter',
      'like',
      'like',
      'follow',
      'share',
      'gift',
      'gift',
      'online_count',
      'viewer_total',
      'session_end',
    ]);
    expect(events.find((e) => e.type === 'viewer_total')).toMatchObject({ count: 35210 });
    expect(results.at(-1)?.onAir).toBe(false);
  });

  it("follows the room's like total (likes before we connected included), as the platform shows it", () => {
    expect(events.filter((e) => e.type === 'like').map((e) => (e as { count: number }).count)).toEqual([30015, 27]);
  });

  it('counts a streak once at its end and a non-streak gift at once', () => {
    expect(events.filter((e) => e.type === 'gift').map((e) => (e as { value: number }).value)).toEqual([0.1, 10]);
  });

  it('counts TikTok Shop cards as unmapped, and survives junk', () => {
    expect(results.filter((r) => r.unknown)).toHaveLength(1);
    for (const junk of [null, 1, 'x', [], { user: 5 }, { gift: 'x', repeatEnd: 'y' }]) {
      for (const name of ['chat', 'gift', 'like', 'roomUser'] as const)
        expect(() => new TikTokMapper().map(name, junk, TS)).not.toThrow();
    }
  });
});
