// The platform connectors a room can be pointed at, as PUT /source and POST /sources configure them.
import type { Clock } from '../../clock.ts';
import type { OutboundPolicy } from '../outbound-policy.ts';
import type { Source } from '../source.ts';
import {
  BILIBILI_DEFAULT_ADDRESS,
  type BilibiliConfig,
  BilibiliConfigSchema,
  BilibiliSource,
} from './bilibili/bilibili-source.ts';
import { type DouyinRelayConfig, DouyinRelayConfigSchema, DouyinRelaySource } from './douyin/douyin-relay-source.ts';
import {
  KUAISHOU_DEFAULT_ADDRESS,
  type KuaishouConfig,
  KuaishouConfigSchema,
  KuaishouSource,
} from './kuaishou/kuaishou-source.ts';
import { type ShopWebhookConfig, ShopWebhookConfigSchema, ShopWebhookSource } from './shop/shop-webhook-source.ts';
import { type TikTokConfig, TikTokConfigSchema, TikTokSource } from './tiktok/tiktok-source.ts';

export const CONNECTOR_SCHEMAS = [
  BilibiliConfigSchema,
  DouyinRelayConfigSchema,
  ShopWebhookConfigSchema,
  TikTokConfigSchema,
  KuaishouConfigSchema,
] as const;
export type ConnectorConfig = BilibiliConfig | DouyinRelayConfig | ShopWebhookConfig | TikTokConfig | KuaishouConfig;
export const CONNECTOR_KINDS: readonly string[] = CONNECTOR_SCHEMAS.map((s) => s.properties.kind.const);

export function isConnectorConfig(config: { kind: string }): config is ConnectorConfig {
  return CONNECTOR_KINDS.includes(config.kind);
}

/** The address a connector dials (checked against the outbound policy when the source is set). */
export function connectorUrl(config: { kind: string }): string | null {
  if (config.kind === 'bilibili') return (config as BilibiliConfig).address ?? BILIBILI_DEFAULT_ADDRESS;
  if (config.kind === 'douyin-relay') return (config as DouyinRelayConfig).url;
  if (config.kind === 'kuaishou') return (config as KuaishouConfig).address ?? KUAISHOU_DEFAULT_ADDRESS;
  return null;
}

export function createConnector(config: ConnectorConfig, clock: Clock, policy: OutboundPolicy): Source {
  switch (config.kind) {
    case 'bilibili':
      return new BilibiliSource(config, clock, policy);
    case 'douyin-relay':
      return new DouyinRelaySource(config, clock, policy);
    case 'shop-webhook':
      return new ShopWebhookSource(config, clock, policy);
    case 'tiktok':
      return new TikTokSource(config, clock);
    case 'kuaishou':
      return new KuaishouSource(config, clock, policy);
  }
}
