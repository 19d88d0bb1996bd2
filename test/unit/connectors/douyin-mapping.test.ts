// Both relay shapes → events, on the recorded frames: douyinLive's `method` messages and DouyinBarrageGrab's
// `{ Type, Data }` envelope.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapRelayFrame } from '../../../server/sources/connectors/douyin/douyin-mapping.ts';

const read = (f: string) =>
  JSON.parse(fs.readFileSync(new URL(`../../fixtures/connectors/${f}`, import.meta.url), 'utf8')) as unknown[];
const TS = 1_764_763_200_000;
const mapAll = (frames: unknown[]) => frames.map((f) => mapRelayFrame(f, TS));

describe('douyinLive frames', () => {
  const results = mapAll(read('douyin-live-frames.json'));
  const events = results.flatMap((r) => r.events);

  it('maps chat with ids and nicknames; int64 ids arrive as strings and are kept exactly', () => {
    const chats = events.filter((e) => e.type === 'comment');
    expect(chats[0]).toEqual({
      type: 'comment',
      ts: TS,
      text: '有运费险吗',
      userId: '96844238290',
      nickname: '小鱼干',
      id: 'dy-7441234567890123001',
    });
    expect(chats[1]).toMatchObject({ userId: '3906128749327624123' });
  });

  it('counts a combo gift once at its end, in yuan', () => {
    expect(events.filter((e) => e.type === 'gift').map((e) => (e as { value: number }).value)).toEqual([1, 300]);
  });

  it('maps member, like, follow, share, room counters and the end of the stream', () => {
    expect(events.map((e) => e.type)).toEqual([
      'comment',
      'comment',
      'viewer_enter',
      'like',
      'gift',
      'gift',
      'follow',
      'share',
      'online_count',
      'viewer_total',
      'session_end',
      'session_end',
    ]);
    expect(events.find((e) => e.type === 'viewer_total')).toMatchObject({ count: 48210 });
    expect(results[0]).toMatchObject({ onAir: true, events: [] }); // ROOM_ONLINE starts nothing by itself
    expect(results.at(-1)).toMatchObject({ onAir: false });
  });

  it('counts unknown methods and ignores them', () => {
    expect(results.filter((r) => r.unknown)).toHaveLength(1); // WebcastRoomRankMessage
  });
});

describe('DouyinBarrageGrab envelopes', () => {
  const results = mapAll(read('douyin-barrage-grab-frames.json'));
  const events = results.flatMap((r) => r.events);

  it('maps every Type the screen uses and counts the rest', () => {
    expect(events.map((e) => e.type)).toEqual([
      'comment',
      'like',
      'viewer_enter',
      'follow',
      'gift',
      'online_count',
      'viewer_total',
      'share',
      'session_end',
    ]);
    expect(events[0]).toMatchObject({ userId: '111222333', nickname: '弹幕君', text: '多少钱' });
    expect(events.find((e) => e.type === 'gift')).toMatchObject({ value: 0.5, name: '小心心' });
    expect(results.filter((r) => r.unknown)).toHaveLength(1); // Type 7 粉丝团
  });

  it('keeps a 19-digit numeric Id exactly (read as a string, never rounded)', () => {
    const data = '{"User":{"Id":3906128749327624123,"SecUid":"MS4wLjABAAAA-x","Nickname":"n"},"Content":"hi"}';
    expect(mapRelayFrame({ Type: 1, Data: data }, TS).events[0]).toMatchObject({ userId: '3906128749327624123' });
    const noId = '{"User":{"SecUid":"MS4wLjABAAAA-x"},"Content":"hi"}';
    expect(mapRelayFrame({ Type: 1, Data: noId }, TS).events[0]).toMatchObject({ userId: 'MS4wLjABAAAA-x' });
  });

  it('never throws on malformed frames', () => {
    for (const junk of [
      null,
      [],
      'x',
      { Type: 1, Data: '{' },
      { Type: 1, Data: '[]' },
      { method: 'WebcastGiftMessage' },
      { method: 'WebcastChatMessage', content: 5 },
      { type: 'system' },
    ]) {
      expect(() => mapRelayFrame(junk, TS)).not.toThrow();
    }
  });
});
