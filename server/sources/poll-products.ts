// Per-product counters from a platform data API's answer (罗盘/百应 live data, TikTok Shop LIVE analytics): a list
// of products, each with its id and counts, as running totals since the stream began (the usual answer) or as
// the interval's own counts. Totals become deltas against the previous poll, per product and field; the first
// poll only sets the base, a total that falls (the platform recounted) starts a new base.
import { type Static, Type } from '@sinclair/typebox';
import type { CounterField } from '../../shared/events.ts';

const Path = Type.String({ minLength: 1, maxLength: 200 });

export const ProductsMappingSchema = Type.Object(
  {
    /** Dot path to the array of products. */
    list: Path,
    /** Paths within each item. */
    id: Path,
    cardExposures: Type.Optional(Path),
    clicks: Type.Optional(Path),
    orders: Type.Optional(Path),
    paidOrders: Type.Optional(Path),
    gmv: Type.Optional(Path),
    paidAmount: Type.Optional(Path),
    /** Running totals since the stream began (default) or the interval's own counts. */
    totals: Type.Optional(Type.Boolean()),
    /** Money fields are multiplied by this (0.01 for an answer in fen). Default 1. */
    amountScale: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type ProductsMapping = Static<typeof ProductsMappingSchema>;

const FIELDS: CounterField[] = ['cardExposures', 'clicks', 'orders', 'paidOrders', 'gmv', 'paidAmount'];
const MONEY = new Set<CounterField>(['gmv', 'paidAmount']);

/** Last totals per product and field. */
export type ProductTotals = Record<string, Partial<Record<CounterField, number>>>;

function readPath(body: unknown, path: string): unknown {
  let cur: unknown = body;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Numbers or numeric strings (many APIs send counts as strings), non-negative. */
function num(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

/** Counters events of one answer, and the totals to diff the next answer against. */
export function mapProducts(
  body: unknown,
  m: ProductsMapping,
  prev: ProductTotals,
  ts: number,
  fromTs: number | null,
): { events: unknown[]; totals: ProductTotals } {
  const list = readPath(body, m.list);
  const totals: ProductTotals = { ...prev };
  const events: unknown[] = [];
  if (!Array.isArray(list)) return { events, totals };
  const scale = m.amountScale ?? 1;
  for (const item of list) {
    const rawId = readPath(item, m.id);
    const productId = typeof rawId === 'number' ? String(rawId) : rawId;
    if (typeof productId !== 'string' || productId === '') continue;
    const last = prev[productId] ?? {};
    const now: Partial<Record<CounterField, number>> = { ...last };
    const e: Record<string, unknown> = { type: 'counters', ts, productId };
    if (fromTs !== null && fromTs < ts) e.fromTs = fromTs;
    let any = false;
    for (const f of FIELDS) {
      const path = m[f];
      const raw = path ? num(readPath(item, path)) : null;
      if (raw === null) continue;
      const v = MONEY.has(f) ? Math.round(raw * scale * 100) / 100 : Math.round(raw);
      let delta: number | null = v;
      if (m.totals !== false) {
        now[f] = v;
        const before = last[f];
        delta = before === undefined || v < before ? null : Math.round((v - before) * 100) / 100;
      }
      if (delta === null) continue;
      e[f] = delta;
      any = true;
    }
    totals[productId] = now;
    if (any) events.push(e);
  }
  return { events, totals };
}
