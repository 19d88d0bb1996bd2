// Pull sources: platform metric APIs give counts, not events. A declarative mapping names where each figure
// sits in the JSON response; gauges become online_count, running totals become deltas (room_exposure, like).
import { type Static, Type } from '@sinclair/typebox';
import { mapProducts, ProductsMappingSchema, type ProductTotals } from './poll-products.ts';

const Path = Type.String({ minLength: 1, maxLength: 200, description: 'dot path into the JSON, e.g. data.online' });

export const PollConfigSchema = Type.Object(
  {
    kind: Type.Literal('poll'),
    url: Type.String({ pattern: '^https?://', maxLength: 2000 }),
    intervalMs: Type.Integer({ minimum: 200, maximum: 300_000 }),
    /** Deadline for one poll, body included (default 10 s): a poll not done by then fails. */
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 60_000 })),
    headers: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 2000 }))),
    mapping: Type.Object(
      {
        online: Type.Optional(Path),
        exposureTotal: Type.Optional(Path),
        likesTotal: Type.Optional(Path),
        /** Per-product counters (card exposures, clicks, orders, GMV …): poll-products.ts. */
        products: Type.Optional(ProductsMappingSchema),
        /** An array of events in our event format, passed through validation. */
        events: Type.Optional(Path),
        /** Event time of the figures (ms, or s if < 1e12); poll time when absent. */
        ts: Type.Optional(Path),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PollConfig = Static<typeof PollConfigSchema>;

export interface Totals {
  exposure: number | null;
  likes: number | null;
  /** Per product, for `mapping.products`; and when they were read (the next interval starts there). */
  products?: ProductTotals;
  productsTs?: number;
}

export function readPath(body: unknown, path: string): unknown {
  let cur: unknown = body;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/** Map one poll response to events; running totals turn into deltas against the previous poll. */
export function mapPollResponse(
  body: unknown,
  mapping: PollConfig['mapping'],
  prev: Totals,
  pollTs: number,
): { events: unknown[]; totals: Totals } {
  const rawTs = mapping.ts ? num(readPath(body, mapping.ts)) : null;
  const ts = rawTs === null ? pollTs : rawTs < 1e12 ? Math.round(rawTs * 1000) : Math.round(rawTs);
  const events: unknown[] = [];
  const online = mapping.online ? num(readPath(body, mapping.online)) : null;
  if (online !== null) events.push({ type: 'online_count', ts, count: Math.round(online) });
  const exposure = mapping.exposureTotal ? num(readPath(body, mapping.exposureTotal)) : null;
  const likes = mapping.likesTotal ? num(readPath(body, mapping.likesTotal)) : null;
  // The first poll only sets the base: a total since the stream began is not "new" in this interval.
  if (exposure !== null && prev.exposure !== null && exposure > prev.exposure) {
    events.push({ type: 'room_exposure', ts, count: Math.round(exposure - prev.exposure) });
  }
  if (likes !== null && prev.likes !== null && likes > prev.likes) {
    events.push({ type: 'like', ts, count: Math.round(likes - prev.likes) });
  }
  let products = prev.products;
  if (mapping.products) {
    const mapped = mapProducts(body, mapping.products, prev.products ?? {}, ts, prev.productsTs ?? null);
    events.push(...mapped.events);
    products = mapped.totals;
  }
  const list = mapping.events ? readPath(body, mapping.events) : undefined;
  if (Array.isArray(list)) events.push(...list);
  return {
    events,
    totals: {
      exposure: exposure ?? prev.exposure,
      likes: likes ?? prev.likes,
      ...(products ? { products, productsTs: ts } : {}),
    },
  };
}
