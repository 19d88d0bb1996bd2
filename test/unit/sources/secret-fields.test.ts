// Source secrets are write-only: every kind's credentials are masked in a listing, and an update that sends
// the mask back keeps the stored value.
import { describe, expect, it } from 'vitest';
import {
  keepMaskedSecrets,
  MaskedSecretError,
  maskSecrets,
  SECRET_MASK,
} from '../../../server/sources/secret-fields.ts';
import type { SourceConfig } from '../../../server/sources/source-config.ts';

const poll = {
  kind: 'poll',
  url: 'https://api.example.com/stats',
  intervalMs: 1000,
  headers: { Authorization: 'Bearer X-very-secret', 'x-app-key': 'k-123' },
  mapping: { online: 'data.online' },
} as SourceConfig;
const configs: [SourceConfig, string[]][] = [
  [poll, ['Bearer X-very-secret', 'k-123']],
  [{ kind: 'bilibili', roomId: 1, key: 'bili-auth-key', buvid: 'b' } as SourceConfig, ['bili-auth-key']],
  [
    { kind: 'shop-webhook', platform: 'douyin-shop', secret: 'shop-secret-1', appKey: 'app-key-1' } as SourceConfig,
    ['shop-secret-1', 'app-key-1'],
  ],
  [{ kind: 'tiktok', uniqueId: '@x', signApiKey: 'euler-key' } as SourceConfig, ['euler-key']],
  [{ kind: 'kuaishou', liveStreamId: 'ls1', token: 'ks-page-token' } as unknown as SourceConfig, ['ks-page-token']],
  [
    {
      kind: 'shop-webhook',
      platform: 'douyin-shop',
      secret: 'shop-secret-2',
      appKey: 'app-key-2',
      api: { accessToken: 'dd-access-token' },
    } as unknown as SourceConfig,
    ['shop-secret-2', 'app-key-2', 'dd-access-token'],
  ],
];

describe('secret fields', () => {
  it.each(configs)('masks the credentials of a %s source', (config, secrets) => {
    const shown = JSON.stringify(maskSecrets(config));
    for (const s of secrets) expect(shown).not.toContain(s);
    expect(shown).toContain(SECRET_MASK);
    expect(maskSecrets(config).kind).toBe(config.kind);
  });

  it.each(configs)('keeps a %s source secret when the mask comes back, and takes a new one', (config) => {
    expect(keepMaskedSecrets(maskSecrets(config), config)).toEqual(config);
    expect(keepMaskedSecrets(config, null)).toEqual(config);
  });

  it('keeps masked headers by name (any case), replaces a header given anew, drops one left out', () => {
    const sent = {
      ...poll,
      headers: { authorization: SECRET_MASK, 'x-new': 'v2' },
    } as SourceConfig;
    const kept = keepMaskedSecrets(sent, poll) as { headers: Record<string, string> };
    expect(kept.headers).toEqual({ authorization: 'Bearer X-very-secret', 'x-new': 'v2' });
  });

  it('refuses a mask with no stored secret behind it (another kind, a new source, a new header)', () => {
    const shop = configs[2]![0];
    expect(() => keepMaskedSecrets(maskSecrets(shop), null)).toThrow(MaskedSecretError);
    expect(() => keepMaskedSecrets(maskSecrets(shop), poll)).toThrow(MaskedSecretError);
    const newHeader = { ...poll, headers: { 'x-other': SECRET_MASK } } as SourceConfig;
    expect(() => keepMaskedSecrets(newHeader, poll)).toThrow(/headers\.x-other/);
  });
  it('keeps a masked nested access token and refuses one with nothing stored', () => {
    const stored = configs[configs.length - 1]![0];
    const listed = maskSecrets(stored) as unknown as { api: { accessToken: string } };
    expect(listed.api.accessToken).toBe(SECRET_MASK);
    const kept = keepMaskedSecrets(listed as unknown as SourceConfig, stored) as unknown as typeof listed;
    expect(kept.api.accessToken).toBe('dd-access-token');
    expect(() => keepMaskedSecrets(listed as unknown as SourceConfig, null)).toThrow(MaskedSecretError);
  });
});
