// What people paste into the source setup → the config the server takes.
import { describe, expect, it } from 'vitest';
import { parseSetup, type SetupForm, webhookUrl } from '../../client/src/features/sources/source-input.ts';

const form = (f: Partial<SetupForm>): SetupForm => ({
  platform: 'bilibili',
  room: '',
  address: '',
  appKey: '',
  secret: '',
  ...f,
});

describe('source setup input', () => {
  it('reads Bilibili room ids and URLs', () => {
    expect(parseSetup(form({ room: '21452505' }))).toEqual({
      ok: true,
      config: { kind: 'bilibili', roomId: 21452505 },
    });
    expect(parseSetup(form({ room: 'https://live.bilibili.com/21452505?spm_id_from=333' }))).toMatchObject({
      config: { roomId: 21452505 },
    });
    expect(parseSetup(form({ room: 'https://live.bilibili.com/h5/123' }))).toMatchObject({ config: { roomId: 123 } });
    expect(parseSetup(form({ room: 'not a room' }))).toEqual({ ok: false, error: 'room' });
    expect(parseSetup(form({ room: '1', address: 'http://x' }))).toEqual({ ok: false, error: 'address' });
  });

  it('builds the douyinLive relay URL from a room id or URL, or takes a ws:// address as is', () => {
    const dy = (room: string, address = '') => parseSetup(form({ platform: 'douyin-relay', room, address }));
    expect(dy('536681248455')).toEqual({
      ok: true,
      config: { kind: 'douyin-relay', url: 'ws://127.0.0.1:1088/ws/536681248455' },
    });
    expect(dy('https://live.douyin.com/536681248455', 'ws://10.0.0.5:1088/')).toMatchObject({
      config: { url: 'ws://10.0.0.5:1088/ws/536681248455' },
    });
    expect(dy('ws://relay:9000/ws/1')).toMatchObject({ config: { url: 'ws://relay:9000/ws/1' } });
  });

  it('reads TikTok handles and URLs', () => {
    const tt = (room: string) => parseSetup(form({ platform: 'tiktok', room }));
    expect(tt('@sunny.mei')).toEqual({ ok: true, config: { kind: 'tiktok', uniqueId: 'sunny.mei' } });
    expect(tt('https://www.tiktok.com/@sunny.mei/live')).toMatchObject({ config: { uniqueId: 'sunny.mei' } });
    expect(tt('no spaces allowed')).toEqual({ ok: false, error: 'room' });
  });

  it('needs an app key and a secret for the shop webhook, and shows where to push', () => {
    expect(parseSetup(form({ platform: 'shop-webhook', appKey: 'k' }))).toEqual({ ok: false, error: 'secret' });
    expect(parseSetup(form({ platform: 'shop-webhook', appKey: 'k', secret: '0123456789' }))).toMatchObject({
      config: { kind: 'shop-webhook', platform: 'douyin-shop', appKey: 'k' },
    });
    const withMap = (productMap: string) =>
      parseSetup(form({ platform: 'shop-webhook', appKey: 'k', secret: '0123456789', productMap }));
    expect(withMap('3581 = p1\n 3582→p2 \n3583 p3')).toMatchObject({
      config: { productMap: { '3581': 'p1', '3582': 'p2', '3583': 'p3' } },
    });
    expect(withMap('a b c')).toEqual({ ok: false, error: 'productMap' });
    expect(webhookUrl('https://console.example', 'r_1')).toBe(
      'https://console.example/api/rooms/r_1/webhooks/douyin-shop',
    );
  });
});
