// The platform connectors a room can be pointed at, as PUT /source and POST /sources configure them.
import type { Clock } from '../../clock.ts';
import type { Source } from '../source.ts';
import { type BilibiliConfig, BilibiliConfigSchema, BilibiliSource } from './bilibili/bilibili-source.ts';
import { type DouyinRelayConfig, DouyinRelayConfigSchema, DouyinRelaySource } from './douyin/douyin-relay-source.ts';
import { type ShopWebhookConfig, ShopWebhookConfigSchema, ShopWebhookSource } from './shop/shop-webhook-source.ts';

export const CONNECTOR_SCHEMAS = [BilibiliConfigSchema, DouyinRelayConfigSchema, ShopWebhookConfigSchema] as const;
export type ConnectorConfig = BilibiliConfig | DouyinRelayConfig | ShopWebhookConfig;
export const CONNECTOR_KINDS: readonly string[] = CONNECTOR_SCHEMAS.map((s) => s.properties.kind.const);

export function isConnectorConfig(config: { kind: string }): config is ConnectorConfig {
  return CONNECTOR_KINDS.includes(config.kind);
}

export function createConnector(config: ConnectorConfig, clock: Clock): Source {
  switch (config.kind) {
    case 'bilibili':
      return new BilibiliSource(config, clock);
    case 'douyin-relay':
      return new DouyinRelaySource(config, clock);
    case 'shop-webhook':
      return new ShopWebhookSource(config, clock);
  }
}
