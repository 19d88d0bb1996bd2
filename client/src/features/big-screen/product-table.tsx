// Per-product figures, sortable by any column; the product being explained (讲解) is highlighted, and stock that
// is low or sold out is marked (levels from shared/metrics/stock.ts). Names are server text, rendered as text.
import { useMemo } from 'react';
import { stockLevel } from '../../../../shared/metrics/stock.ts';
import type { ProductStats } from '../../../../shared/state.ts';
import { fmtCount, fmtMoney, fmtPct } from '../../lib/format.ts';
import { type Key, type Lang, useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { type ProductSortKey, useUiStore } from '../../stores/ui-store.ts';

interface Column {
  key: ProductSortKey;
  label: Key;
  cell: (p: ProductStats, lang: Lang) => string;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'product', cell: (p) => p.name },
  { key: 'price', label: 'price', cell: (p, l) => fmtMoney(p.price, l) },
  { key: 'stock', label: 'stock', cell: (p, l) => fmtCount(p.stock, l) },
  { key: 'exposureUsers', label: 'productExposure', cell: (p, l) => fmtCount(p.exposureUsers, l) },
  { key: 'clickUsers', label: 'clicks', cell: (p, l) => fmtCount(p.clickUsers, l) },
  { key: 'clickRate', label: 'clickRate', cell: (p) => fmtPct(p.clickRate) },
  { key: 'buyIntents', label: 'buyIntents', cell: (p, l) => fmtCount(p.buyIntents ?? null, l) },
  { key: 'orders', label: 'orders', cell: (p, l) => fmtCount(p.orders, l) },
  { key: 'gmv', label: 'gmv', cell: (p, l) => fmtMoney(p.gmv, l) },
];

/** Missing rates sort below every number, whichever the direction. */
export function compareProducts(key: ProductSortKey, desc: boolean) {
  return (a: ProductStats, b: ProductStats): number => {
    const av = a[key] ?? null; // buyIntents is absent in states stored before it
    const bv = b[key] ?? null;
    if (av === null || bv === null) return av === bv ? 0 : av === null ? 1 : -1;
    const c = typeof av === 'string' ? av.localeCompare(String(bv), 'zh-CN') : av - (bv as number);
    return desc ? -c : c;
  };
}

export function ProductTable() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const sortKey = useUiStore((s) => s.productSort);
  const desc = useUiStore((s) => s.productSortDesc);
  const sortBy = useUiStore((s) => s.sortProducts);
  const products = useRoomStore((s) => s.state?.products);
  const rows = useMemo(() => [...(products ?? [])].sort(compareProducts(sortKey, desc)), [products, sortKey, desc]);
  return (
    <section className="panel products">
      <h2>{t('products')}</h2>
      <div className="table-scroll">
        <table data-testid="product-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const sorted = c.key === sortKey;
                return (
                  <th key={c.key} aria-sort={sorted ? (desc ? 'descending' : 'ascending') : 'none'}>
                    <button
                      type="button"
                      className={sorted ? 'sorted' : ''}
                      onClick={() => sortBy(c.key)}
                      title={t('sortBy')}
                    >
                      {t(c.label)}
                      {sorted ? (desc ? ' ▼' : ' ▲') : ''}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} className={p.explaining ? 'explaining' : ''}>
                <td className="name">
                  {p.explaining ? <span className="tag">{t('explaining')}</span> : null}
                  {p.name}
                </td>
                {COLUMNS.slice(1).map((c) =>
                  c.key === 'stock' ? (
                    <StockCell key={c.key} p={p} lang={lang} />
                  ) : c.key === 'buyIntents' ? (
                    <BuyCell key={c.key} p={p} lang={lang} />
                  ) : (
                    <td key={c.key}>{c.cell(p, lang)}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Remaining stock with a word for the level, so sold-out and low read without colour too. */
function StockCell({ p, lang }: { p: ProductStats; lang: Lang }) {
  const t = useT();
  const level = stockLevel(p.stock, p.stockStart);
  const mark = level === 'out' ? t('soldOut') : level === 'low' ? t('lowStock') : null;
  return (
    <td className={`stock stock-${level}`} data-testid="product-stock" data-level={level}>
      {mark ? <span className="stock-mark">{mark}</span> : null}
      {fmtCount(p.stock, lang)}
    </td>
  );
}

/** 去买: viewers heading to buy this session, with the platform's 热抢 figure beside it when it gives one. */
function BuyCell({ p, lang }: { p: ProductStats; lang: Lang }) {
  const t = useT();
  return (
    <td data-testid="product-buy-intents">
      {fmtCount(p.buyIntents ?? null, lang)}
      {p.hotBuy ? <span className="stock-mark">{` ${t('hotBuy')} ${fmtCount(p.hotBuy, lang)}`}</span> : null}
    </td>
  );
}
