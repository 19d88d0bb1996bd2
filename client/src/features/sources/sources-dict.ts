// The source setup's words in both languages.
import { useCallback } from 'react';
import { useUiStore } from '../../stores/ui-store.ts';

const ZH = {
  sources: '数据源',
  setupTitle: '接入直播间',
  close: '关闭',
  platform: '平台',
  bilibili: 'B站直播',
  'douyin-relay': '抖音（转发服务）',
  tiktok: 'TikTok LIVE',
  'shop-webhook': '抖店订单推送',
  kuaishou: '快手直播',
  roomInput: '直播间号或链接',
  roomInputTiktok: '主播 @账号 或链接',
  roomInputRelay: '直播间号、链接，或转发服务 ws:// 地址',
  address: '服务器地址（可选）',
  relayBase: '转发服务地址',
  appKey: 'App Key',
  secret: '推送密钥（App Secret）',
  generate: '生成',
  productMap: '商品对应（每行：抖店商品ID = 直播间商品ID，可不填）',
  bad_productMap: '商品对应每行写成「抖店商品ID = 直播间商品ID」',
  webhookUrl: '在抖店开放平台「消息推送」里填这个地址',
  connect: '连接并测试',
  remove: '移除',
  current: '已接入',
  none: '还没有数据源：直播间只收推送的事件。',
  messages: '条消息',
  unknown: '条未识别',
  garbage: '条无法解析',
  firstMessages: '最新弹幕',
  bad_room: '看不懂这个直播间号或链接',
  bad_address: '地址应以 ws:// 或 wss:// 开头',
  bad_appKey: '请填 App Key',
  bad_secret: '密钥至少 8 个字符',
  secretKept: '已保存的密钥只显示为 ********：不改就保留原值，填新值则替换',
  sampledNote: '公开弹幕流在热门直播间会抽样：人均类指标标「采样」，在线和累计观看取平台计数。',
} as const;

const EN: Record<keyof typeof ZH, string> = {
  sources: 'Sources',
  setupTitle: 'Connect a live room',
  close: 'Close',
  platform: 'Platform',
  bilibili: 'Bilibili live',
  'douyin-relay': 'Douyin (via a relay)',
  tiktok: 'TikTok LIVE',
  'shop-webhook': 'Douyin shop order push',
  kuaishou: 'Kuaishou live',
  roomInput: 'Room id or URL',
  roomInputTiktok: "Creator's @handle or URL",
  roomInputRelay: 'Room id, URL, or the relay ws:// address',
  address: 'Server address (optional)',
  relayBase: 'Relay address',
  appKey: 'App key',
  secret: 'Push secret (app secret)',
  generate: 'Generate',
  productMap: 'Product map (one per line: shop product id = room product id; optional)',
  bad_productMap: 'Write each product line as "shop product id = room product id"',
  webhookUrl: "Paste this address into the shop platform's message-push settings",
  connect: 'Connect and test',
  remove: 'Remove',
  current: 'Connected',
  none: 'No sources yet: the room takes pushed events only.',
  messages: 'messages',
  unknown: 'unrecognised',
  garbage: 'undecodable',
  firstMessages: 'Latest barrage',
  bad_room: 'That room id or URL is not one I can read',
  bad_address: 'The address must start with ws:// or wss://',
  bad_appKey: 'Fill in the app key',
  bad_secret: 'The secret needs at least 8 characters',
  secretKept: 'A saved secret shows only as ********: leave it to keep it, type a new one to replace it',
  sampledNote:
    'Public feeds are sampled in busy rooms: per-viewer figures are marked sampled; online and viewers come from the platform counters.',
};

export type SourcesKey = keyof typeof ZH;

export function useSourcesT(): (key: SourcesKey) => string {
  const lang = useUiStore((s) => s.lang);
  return useCallback((key: SourcesKey) => (lang === 'zh' ? ZH : EN)[key], [lang]);
}
