// Connect one more source: choose the platform, paste the room (id, URL, relay address or @handle); for the
// shop webhook, the address to paste into the shop platform and the secret it signs with.
import { useEffect, useState } from 'react';
import { DEFAULT_RELAY, DEFAULT_SOURCE_ID, PLATFORMS, type Platform, parseSetup, webhookUrl } from './source-input.ts';
import { addSource, type SourceView } from './sources-api.ts';
import { type SourcesKey, useSourcesT } from './sources-dict.ts';

function randomSecret(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The room's shop source as listed: its secrets arrive masked (`********`), and sent back masked they are kept. */
function storedShop(sources: SourceView[]): { appKey: string; secret: string; productMap: string } | null {
  const c = sources.find((s) => s.id === DEFAULT_SOURCE_ID['shop-webhook'] && s.config.kind === 'shop-webhook')?.config;
  if (!c) return null;
  const map = (c.productMap ?? {}) as Record<string, string>;
  return {
    appKey: String(c.appKey ?? ''),
    secret: String(c.secret ?? ''),
    productMap: Object.entries(map)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n'),
  };
}

export function SourceForm({
  roomId,
  sources = [],
  onAdded,
}: {
  roomId: string;
  /** The room's sources as listed: a stored shop source fills the form, its secrets masked. */
  sources?: SourceView[];
  onAdded: (list: SourceView[]) => void;
}) {
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
  const stored = shop ? storedShop(sources) : null;
  const storedKey = stored ? JSON.stringify(stored) : '';
  // Editing the stored shop source: its masked secrets stay in the fields, and unchanged they keep the stored ones.
  useEffect(() => {
    if (!storedKey) return;
    const s = JSON.parse(storedKey) as { appKey: string; secret: string; productMap: string };
    setAppKey(s.appKey);
    setSecret(s.secret);
    setProductMap(s.productMap);
  }, [storedKey]);
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
            {stored ? (
              <span className="sources-note" data-testid="secret-kept">
                {t('secretKept')}
              </span>
            ) : null}
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
