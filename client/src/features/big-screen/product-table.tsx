// Per-product figures, sortable; the product being explained (讲解) is highlighted.
import { useMemo } from 'react';
import type { ProductStats } from '../../../../shared/state.ts';
import { fmtCount, fmtMoney, fmtPct } from '../../lib/format.ts';
import { type Key, useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { type ProductSortKey, useUiStore } from '../../stores/ui-store.ts';

const COLUMNS: { key: ProductSortKey; label: Key }[] = [
  { key: 'name', label: 'product' },
  { key: 'exposureUsers', label: 'productExposure' },
  { key: 'clickUsers', label: 'clicks' },
  { key: 'clickRate', label: 'clickRate' },
  { key: 'orders', label: 'orders' },
  { key: 'gmv', label: 'gmv' },
];

function compare(key: ProductSortKey, desc: boolean) {
  return (a: ProductStats, b: ProductStats) => {
    const av = a[key] ?? -1;
    const bv = b[key] ?? -1;
    const c = typeof av === 'string' ? av.localeCompare(String(bv)) : (av as number) - (bv as number);
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
  const rows = useMemo(() => [...(products ?? [])].sort(compare(sortKey, desc)), [products, sortKey, desc]);
  return (
    <section className="panel products">
      <h2>{t('products')}</h2>
      <div className="table-scroll">
        <table data-testid="product-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} onClick={() => sortBy(c.key)} className={c.key === sortKey ? 'sorted' : ''}>
                  {t(c.label)}
                  {c.key === sortKey ? (desc ? ' ▼' : ' ▲') : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} className={p.explaining ? 'explaining' : ''}>
                <td className="name">
                  {p.explaining ? <span className="tag">{t('explaining')}</span> : null}
                  {p.name}
                </td>
                <td>{fmtCount(p.exposureUsers, lang)}</td>
                <td>{fmtCount(p.clickUsers, lang)}</td>
                <td>{fmtPct(p.clickRate)}</td>
                <td>{fmtCount(p.orders, lang)}</td>
                <td>{fmtMoney(p.gmv, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
