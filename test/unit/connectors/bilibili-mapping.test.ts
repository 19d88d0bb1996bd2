// Bilibili message bodies → events, on the recorded fixtures.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BilibiliMapper } from '../../../server/sources/connectors/bilibili/bilibili-mapping.ts';

const fixtures = JSON.parse(
  fs.readFileSync(new URL('../../fixtures/connectors/bilibili-messages.json', import.meta.url), 'utf8'),
) as { cmd: string }[];
const TS = 1_764_763_200_000;
const mapAll = (msgs: unknown[]) => {
  const m = new BilibiliMapper();
  return msgs.map((x) => m.map(x, TS));
};

describe('Bilibili mapping', () => {
  it('maps barrage with the platform id, nickname and message id; a masked viewer has no id', () => {
    const [a, b] = mapAll(fixtures.slice(0, 2));
    expect(a!.events).toEqual([
      {
        type: 'comment',
        ts: TS,
        text: '主播这件多少钱',
        userId: '37089851',
        nickname: '小橘子酱',
        id: 'bili-dm-6fa9959ab8feabcd1b337aa5066768330001',
      },
    ]);
    expect(b!.events[0]).not.toHaveProperty('userId');
  });

  it('maps entries, follows, shares, gifts in yuan, 上舰 and 醒目留言', () => {
    const events = mapAll(fixtures.slice(2, 9)).flatMap((r) => r.events);
    expect(events.map((e) => e.type)).toEqual([
      'viewer_enter',
      'follow',
      'share',
      'gift',
      'gift',
      'gift',
      'gift',
      'comment',
    ]);
    expect(events.filter((e) => e.type === 'gift').map((e) => (e as { value: number }).value)).toEqual([
      0.5, 0, 198, 30,
    ]);
  });

  it('counts clicks as likes until the platform total is known, then follows the total', () => {
    const likes = fixtures.filter((f) => f.cmd.startsWith('LIKE_INFO'));
    const counts = mapAll(likes).flatMap((r) => r.events.map((e) => (e as { count: number }).count));
    // 1 + 1 clicks, then the total 1250 brings 1248 more; the late click is inside the next total (1262)
    expect(counts).toEqual([1, 1, 1248, 12]);
    expect(counts.reduce((a, b) => a + b)).toBe(1262);
  });

  it('takes online and cumulative viewers from the platform counters, and on/off air from LIVE/PREPARING', () => {
    const by = (cmd: string) =>
      new BilibiliMapper().map(
        fixtures.find((f) => f.cmd === cmd),
        TS,
      );
    expect(by('ONLINE_RANK_COUNT').events).toEqual([{ type: 'online_count', ts: TS, count: 1536 }]);
    expect(by('WATCHED_CHANGE').events).toEqual([{ type: 'viewer_total', ts: TS, count: 24011 }]);
    expect(by('PREPARING')).toMatchObject({ onAir: false, events: [{ type: 'session_end' }] });
    expect(by('LIVE')).toMatchObject({ onAir: true, events: [{ type: 'session_start' }] });
    expect(by('STOP_LIVE_ROOM_LIST').unknown).toBe(true);
  });

  it('ignores malformed bodies without throwing', () => {
    const m = new BilibiliMapper();
    for (const junk of [
      null,
      1,
      'x',
      [],
      {},
      { cmd: 5 },
      { cmd: 'DANMU_MSG' },
      { cmd: 'DANMU_MSG', info: [[], 7] },
      { cmd: 'SEND_GIFT', data: 'x' },
    ]) {
      expect(() => m.map(junk, TS)).not.toThrow();
    }
    expect(m.map({ cmd: 'DANMU_MSG', info: 'nope' }, TS).events).toEqual([]);
  });
});
