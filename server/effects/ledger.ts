// The ledger of one session from its minutes and its actions, and the pooled summary over sessions. Pure.
import {
  type ActionKind,
  type EffectMetric,
  type LedgerRow,
  type LedgerSummary,
  targetMetric,
} from '../../shared/effects.ts';
import { type Cell, estimateEffect, readEffect } from './estimate.ts';

export interface ProductMinute {
  exposures: number;
  clicks: number;
  orders: number;
  gmv: number;
  price: number;
}

/** One minute of a session: gauges at its end and the flows within it (per product). */
export interface MinuteData {
  minute: number;
  online: number | null;
  entries: number | null;
  explaining: string | null;
  products: Record<string, ProductMinute>;
}

export interface ActionInput {
  ts: number;
  kind: ActionKind;
  productId: string | null;
  note: string | null;
}

const sum = (ps: ProductMinute[], f: (p: ProductMinute) => number) => ps.reduce((a, p) => a + f(p), 0);

function cell(metric: EffectMetric, m: MinuteData, products: string[] | null): Cell | null {
  if (metric === 'online') return m.online === null ? null : { num: m.online, den: 1 };
  if (metric === 'entriesPerMin') return m.entries === null ? null : { num: m.entries, den: 1 };
  const ps = (products ?? Object.keys(m.products)).map((id) => m.products[id]).filter((p) => p !== undefined);
  if (metric === 'clickRate') return { num: sum(ps, (p) => p.clicks), den: sum(ps, (p) => p.exposures) };
  if (metric === 'clickToOrder') return { num: sum(ps, (p) => p.orders), den: sum(ps, (p) => p.clicks) };
  return { num: sum(ps, (p) => p.gmv), den: 1 };
}

/** `withControl: false` leaves the other products out (the bench's peer: no difference in differences). */
export function ledgerRows(minutes: MinuteData[], actions: ActionInput[], withControl = true): LedgerRow[] {
  const all = new Set(minutes.flatMap((m) => Object.keys(m.products)));
  return actions.map((a) => {
    const at = minutes.findIndex((m) => a.ts >= m.minute && a.ts < m.minute + 60_000);
    const productId = a.productId ?? (at >= 0 ? minutes[at]!.explaining : null);
    const metric = targetMetric(a.kind, productId !== null);
    const productMetric = metric === 'clickRate' || metric === 'clickToOrder' || metric === 'gmvPerMin';
    const target = productMetric && productId !== null ? [productId] : null;
    const others = target && withControl ? [...all].filter((id) => id !== productId) : [];
    const effect =
      at < 0
        ? estimateEffect(metric, { target: [], at: 0 })
        : estimateEffect(metric, {
            target: minutes.map((m) => cell(metric, m, target)),
            ...(others.length > 0 ? { control: minutes.map((m) => cell(metric, m, others)) } : {}),
            at,
          });
    return { ts: a.ts, kind: a.kind, productId, note: a.note, effect };
  });
}

/** Price changes seen in the minutes: a product whose price differs from its price the minute before. */
export function priceChanges(minutes: MinuteData[]): ActionInput[] {
  const out: ActionInput[] = [];
  for (let i = 1; i < minutes.length; i++)
    for (const [id, p] of Object.entries(minutes[i]!.products)) {
      const before = minutes[i - 1]!.products[id];
      if (before && before.price !== p.price)
        out.push({ ts: minutes[i]!.minute, kind: 'price_change', productId: id, note: `${before.price}→${p.price}` });
    }
  return out;
}

const Z = 1.96;

/** Per kind of action and 话术: the rows' log effects pooled by inverse variance (rows with no estimate skipped). */
export function summarise(sessions: LedgerRow[][]): LedgerSummary[] {
  const groups = new Map<string, { rows: LedgerRow[]; sessions: Set<number> }>();
  sessions.forEach((rows, i) => {
    for (const r of rows) {
      const key = `${r.kind}\u0001${r.kind === 'cue' || r.kind === 'price_change' ? '' : (r.note ?? '')}\u0001${r.effect.metric}`;
      const g = groups.get(key) ?? { rows: [], sessions: new Set<number>() };
      g.rows.push(r);
      g.sessions.add(i);
      groups.set(key, g);
    }
  });
  return [...groups.values()].map(({ rows, sessions: ss }) => {
    const first = rows[0]!;
    let w = 0;
    let wl = 0;
    for (const r of rows) {
      const { relative, low, high } = r.effect;
      if (relative === null || low === null || high === null) continue;
      const se = (Math.log1p(high) - Math.log1p(low)) / (2 * Z);
      if (!(se > 0)) continue;
      w += 1 / (se * se);
      wl += Math.log1p(relative) / (se * se);
    }
    const pooled = w > 0 ? readEffect(first.effect.metric, wl / w, 1 / w, 'level') : null;
    return {
      kind: first.kind,
      note: first.kind === 'cue' || first.kind === 'price_change' ? null : first.note,
      metric: first.effect.metric,
      count: rows.length,
      sessions: ss.size,
      relative: pooled?.relative ?? null,
      plusMinus:
        pooled && pooled.high !== null && pooled.low !== null
          ? Math.round(((pooled.high - pooled.low) / 2) * 1000) / 1000
          : null,
      verdict: pooled?.verdict ?? 'uncertain',
    };
  });
}
