// What the 场控 pastes (a room id, a room URL, a relay address, a @handle) → the source config the server
// takes. Pure, so the shapes people paste are unit-tested.

export type Platform = 'bilibili' | 'douyin-relay' | 'tiktok' | 'shop-webhook';
export const PLATFORMS: Platform[] = ['bilibili', 'douyin-relay', 'tiktok', 'shop-webhook'];

/** The id a platform's source is kept under in the room (one of each by default). */
export const DEFAULT_SOURCE_ID: Record<Platform, string> = {
  bilibili: 'bilibili',
  'douyin-relay': 'douyin',
  tiktok: 'tiktok',
  'shop-webhook': 'shop',
};

/** douyinLive's default listen address. */
export const DEFAULT_RELAY = 'ws://127.0.0.1:1088';

export interface SetupForm {
  platform: Platform;
  /** Room id or URL, relay URL, or @handle. */
  room: string;
  /** Bilibili: a danmaku server override; Douyin: the relay's base address. */
  address: string;
  /** Shop webhook: the app key and secret. */
  appKey: string;
  secret: string;
  /** Shop webhook: one "shop product id = room product id" per line (optional). */
  productMap?: string;
}

export type Parsed =
  | { ok: true; config: Record<string, unknown> }
  | { ok: false; error: 'room' | 'address' | 'appKey' | 'secret' | 'productMap' };

/** "3581234567890 = p1" lines (or →, :, spaces between) → { shopId: roomId }; null when a line is unreadable. */
export function parseProductMap(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\S{1,128}?)\s*(?:=|→|:|\s)\s*(\S{1,128})$/.exec(line);
    if (!m) return null;
    out[m[1]!] = m[2]!;
  }
  return out;
}

const digits = (s: string) => (/^\d{1,20}$/.test(s) ? s : null);

export function parseSetup(f: SetupForm): Parsed {
  const room = f.room.trim();
  const address = f.address.trim();
  if (f.platform === 'bilibili') {
    const id = digits(room) ?? /live\.bilibili\.com\/(?:h5\/)?(\d{1,20})/.exec(room)?.[1] ?? null;
    if (!id) return { ok: false, error: 'room' };
    if (address && !/^wss?:\/\//.test(address)) return { ok: false, error: 'address' };
    return { ok: true, config: { kind: 'bilibili', roomId: Number(id), ...(address ? { address } : {}) } };
  }
  if (f.platform === 'douyin-relay') {
    if (/^wss?:\/\//.test(room)) return { ok: true, config: { kind: 'douyin-relay', url: room } };
    const id = digits(room) ?? /live\.douyin\.com\/(\d{1,20})/.exec(room)?.[1] ?? null;
    if (!id) return { ok: false, error: 'room' };
    const base = (address || DEFAULT_RELAY).replace(/\/+$/, '');
    if (!/^wss?:\/\//.test(base)) return { ok: false, error: 'address' };
    return { ok: true, config: { kind: 'douyin-relay', url: `${base}/ws/${id}` } };
  }
  if (f.platform === 'tiktok') {
    const handle = /tiktok\.com\/@([A-Za-z0-9._]{1,64})/.exec(room)?.[1] ?? /^@?([A-Za-z0-9._]{1,64})$/.exec(room)?.[1];
    return handle ? { ok: true, config: { kind: 'tiktok', uniqueId: handle } } : { ok: false, error: 'room' };
  }
  if (!f.appKey.trim()) return { ok: false, error: 'appKey' };
  if (f.secret.trim().length < 8) return { ok: false, error: 'secret' };
  const productMap = parseProductMap(f.productMap ?? '');
  if (!productMap) return { ok: false, error: 'productMap' };
  const mapped = Object.keys(productMap).length > 0 ? { productMap } : {};
  return {
    ok: true,
    config: {
      kind: 'shop-webhook',
      platform: 'douyin-shop',
      appKey: f.appKey.trim(),
      secret: f.secret.trim(),
      ...mapped,
    },
  };
}

/** Where the shop platform must push (pasted into its message-push settings). */
export function webhookUrl(origin: string, roomId: string): string {
  return `${origin}/api/rooms/${encodeURIComponent(roomId)}/webhooks/douyin-shop`;
}
