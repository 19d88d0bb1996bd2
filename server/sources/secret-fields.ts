// Source secrets are write-only: a listing shows that a secret is set (MASK), never what it is, to every seat,
// admin included. A form sends the listing back with the mask where the secret was; an update that carries the
// mask keeps the stored value, and a new value replaces it.
import type { SourceConfig } from './source-config.ts';

export const SECRET_MASK = '********';

/** The string fields of each kind that are credentials. A poll source's headers are all masked (values only). */
const SECRET_FIELDS: Record<string, readonly string[]> = {
  bilibili: ['key'],
  'shop-webhook': ['secret', 'appKey'],
  tiktok: ['signApiKey'],
  kuaishou: ['token'], // the page token stands for a logged-in session
};

/** Credentials one object down: the 抖店 open API's access token. */
const NESTED_SECRETS: Record<string, readonly (readonly [string, string])[]> = {
  'shop-webhook': [['api', 'accessToken']],
};

type Loose = Record<string, unknown>;

export function maskSecrets(config: SourceConfig): SourceConfig {
  const out: Loose = { ...config };
  for (const f of SECRET_FIELDS[config.kind] ?? []) if (typeof out[f] === 'string') out[f] = SECRET_MASK;
  if (config.kind === 'poll' && config.headers) {
    out.headers = Object.fromEntries(Object.keys(config.headers).map((k) => [k, SECRET_MASK]));
  }
  for (const [obj, f] of NESTED_SECRETS[config.kind] ?? []) {
    const inner = out[obj] as Loose | undefined;
    if (inner && typeof inner[f] === 'string') out[obj] = { ...inner, [f]: SECRET_MASK };
  }
  return out as SourceConfig;
}

export class MaskedSecretError extends Error {
  readonly code = 'secret_unknown';
  constructor(readonly field: string) {
    super(`${field} is the mask ${SECRET_MASK} but no secret is stored for it; send the secret itself`);
  }
}

/**
 * The config to store for an update: a field that still holds the mask takes the stored value of the same
 * source (same id, same kind). A mask with nothing stored behind it is refused: storing the mask itself as
 * the secret would break the source silently.
 */
export function keepMaskedSecrets(next: SourceConfig, prev: SourceConfig | null): SourceConfig {
  const stored = (prev && prev.kind === next.kind ? prev : {}) as Loose;
  const out: Loose = { ...next };
  for (const f of SECRET_FIELDS[next.kind] ?? []) {
    if (out[f] !== SECRET_MASK) continue;
    if (typeof stored[f] !== 'string') throw new MaskedSecretError(f);
    out[f] = stored[f];
  }
  for (const [obj, f] of NESTED_SECRETS[next.kind] ?? []) {
    const inner = out[obj] as Loose | undefined;
    if (!inner || inner[f] !== SECRET_MASK) continue;
    const kept = (stored[obj] as Loose | undefined)?.[f];
    if (typeof kept !== 'string') throw new MaskedSecretError(`${obj}.${f}`);
    out[obj] = { ...inner, [f]: kept };
  }
  if (next.kind === 'poll' && next.headers) {
    const old = (stored.headers ?? {}) as Record<string, string>;
    const oldByName = new Map(Object.entries(old).map(([k, v]) => [k.toLowerCase(), v]));
    out.headers = Object.fromEntries(
      Object.entries(next.headers).map(([k, v]) => {
        if (v !== SECRET_MASK) return [k, v];
        const kept = oldByName.get(k.toLowerCase());
        if (kept === undefined) throw new MaskedSecretError(`headers.${k}`);
        return [k, kept];
      }),
    );
  }
  return out as SourceConfig;
}
