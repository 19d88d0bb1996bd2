// Connect one more source: choose the platform, paste the room (id, URL, relay address or @handle); for the
// shop webhook, the address to paste into the shop platform and the secret it signs with.
import { useState } from 'react';
import { DEFAULT_RELAY, DEFAULT_SOURCE_ID, PLATFORMS, type Platform, parseSetup, webhookUrl } from './source-input.ts';
import { addSource, type SourceView } from './sources-api.ts';
import { type SourcesKey, useSourcesT } from './sources-dict.ts';

function randomSecret(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function SourceForm({ roomId, onAdded }: { roomId: string; onAdded: (list: SourceView[]) => void }) {
  const t = useSourcesT();
  const [platform, setPlatform] = useState<Platform>('bilibili');
  const [room, setRoom] = useState('');
  const [address, setAddress] = useState('');
  const [appKey, setAppKey] = useState('');
  const [secret, setSecret] = useState('');
  const [productMap, setProductMap] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shop = platform === 'shop-webhook';
  const roomLabel: SourcesKey =
    platform === 'tiktok' ? 'roomInputTiktok' : platform === 'douyin-relay' ? 'roomInputRelay' : 'roomInput';

  const submit = async () => {
    const parsed = parseSetup({ platform, room, address, appKey, secret, productMap });
    if (!parsed.ok) return setError(t(`bad_${parsed.error}` as SourcesKey));
    setBusy(true);
    const r = await addSource(roomId, DEFAULT_SOURCE_ID[platform], parsed.config);
    setBusy(false);
    if (!r.ok) return setError(`${r.code}: ${r.message}`);
    setError(null);
    onAdded(r.data.sources);
  };

  return (
    <form
      className="source-form"
      data-testid="source-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('platform')}
        <select
          value={platform}
          onChange={(e) => setPlatform(e.target.value as Platform)}
          data-testid="source-platform"
        >
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {t(p)}
            </option>
          ))}
        </select>
      </label>
      {shop ? (
        <>
          <label>
            {t('appKey')}
            <input value={appKey} onChange={(e) => setAppKey(e.target.value)} data-testid="source-appkey" />
          </label>
          <label>
            {t('secret')}
            <span className="row">
              <input value={secret} onChange={(e) => setSecret(e.target.value)} data-testid="source-secret" />
              <button type="button" onClick={() => setSecret(randomSecret())}>
                {t('generate')}
              </button>
            </span>
          </label>
          <label>
            {t('productMap')}
            <textarea
              rows={3}
              value={productMap}
              placeholder="3581234567890 = p1"
              onChange={(e) => setProductMap(e.target.value)}
              data-testid="source-product-map"
            />
          </label>
          <div className="webhook-url">
            <div className="sources-note">{t('webhookUrl')}</div>
            <code data-testid="webhook-url">{webhookUrl(window.location.origin, roomId)}</code>
          </div>
        </>
      ) : (
        <>
          <label>
            {t(roomLabel)}
            <input value={room} onChange={(e) => setRoom(e.target.value)} data-testid="source-room" />
          </label>
          {platform === 'tiktok' ? null : (
            <label>
              {t(platform === 'douyin-relay' ? 'relayBase' : 'address')}
              <input
                value={address}
                placeholder={platform === 'douyin-relay' ? DEFAULT_RELAY : ''}
                onChange={(e) => setAddress(e.target.value)}
                data-testid="source-address"
              />
            </label>
          )}
        </>
      )}
      <button type="submit" disabled={busy} data-testid="source-connect">
        {t('connect')}
      </button>
      {error ? (
        <p className="sources-error" data-testid="source-form-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
