// The room's catalogue: the table as stored, and a sheet pasted from a spreadsheet or uploaded as CSV. The
// sheet is checked whole (shared/catalogue-sheet.ts, the server's own schema); every problem is named by line
// and column, and nothing is sent until there is none.
import { useCallback, useEffect, useState } from 'react';
import {
  catalogueToSheet,
  parseCatalogueSheet,
  type SheetError,
  type SheetResult,
} from '../../../../shared/catalogue-sheet.ts';
import type { Product } from '../../../../shared/events.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import type { AdminApi } from './admin-api.ts';
import { type AdminKey, useAdminT } from './admin-dict.ts';

const COLUMN_KEY: Record<string, AdminKey> = { id: 'colId', name: 'colName', price: 'colPrice', stock: 'colStock' };

export function CatalogueEditor({
  api,
  roomId,
  onSaved,
}: {
  api: AdminApi;
  roomId: string;
  onSaved: () => Promise<void>;
}) {
  const t = useAdminT();
  const [products, setProducts] = useState<Product[]>([]);
  const [sheet, setSheet] = useState('');
  const [checked, setChecked] = useState<SheetResult | null>(null);
  const [status, setStatus] = useState<{ saved: number } | { error: string } | null>(null);
  const load = useCallback(async () => {
    const res = await api.room(roomId);
    if (res.ok) {
      setProducts(res.data.products);
      setSheet(res.data.products.length > 0 ? catalogueToSheet(res.data.products, useUiStore.getState().lang) : '');
    }
  }, [api, roomId]);
  useEffect(() => {
    void load();
  }, [load]);
  const edit = (text: string) => {
    setSheet(text);
    setChecked(null);
    setStatus(null);
  };
  const upload = async (file: File | undefined) => {
    if (file) edit(await file.text());
  };
  const save = async () => {
    const result = parseCatalogueSheet(sheet, products);
    setChecked(result);
    if (!result.ok) return;
    const res = await api.setProducts(roomId, result.products);
    if (!res.ok) return setStatus({ error: res.message });
    // Kept as what happened, worded at render: the language toggle rewords it too.
    setStatus({ saved: res.data.products });
    setChecked(null);
    await load();
    await onSaved();
  };
  return (
    <section className="admin-section" data-testid="catalogue-editor">
      <h3>
        {t('catalogue')} <span className="count">{products.length}</span>
      </h3>
      <ProductTable products={products} />
      <p className="admin-note">{t('pasteHint')}</p>
      <textarea
        className="sheet-input"
        rows={8}
        spellCheck={false}
        value={sheet}
        onChange={(e) => edit(e.target.value)}
        data-testid="catalogue-sheet"
      />
      <div className="sheet-actions">
        <button
          type="button"
          onClick={() => setChecked(parseCatalogueSheet(sheet, products))}
          data-testid="catalogue-check"
        >
          {t('check')}
        </button>
        <label className="upload">
          {t('upload')}
          <input type="file" accept=".csv,.tsv,.txt,text/csv" onChange={(e) => void upload(e.target.files?.[0])} />
        </label>
        <button type="button" className="primary" onClick={save} data-testid="catalogue-save">
          {t('saveCatalogue')}
        </button>
        {status ? (
          <span data-testid="catalogue-status">
            {'saved' in status ? t('savedCatalogue', { n: status.saved }) : `${t('error')}${status.error}`}
          </span>
        ) : null}
      </div>
      {checked ? <SheetVerdict result={checked} /> : null}
    </section>
  );
}

function SheetVerdict({ result }: { result: SheetResult }) {
  const t = useAdminT();
  if (result.ok) return <p className="sheet-ok">{t('sheetOk', { n: result.products.length })}</p>;
  const where = (e: SheetError) =>
    e.column ? t('lineCol', { line: e.line, col: t(COLUMN_KEY[e.column]!) }) : t('line', { line: e.line });
  return (
    <div className="sheet-errors" role="alert" data-testid="catalogue-errors">
      <p>{t('sheetErrors', { n: result.errors.length })}</p>
      <ul>
        {result.errors.slice(0, 50).map((e) => (
          <li key={`${e.line}-${e.column}-${e.code}`} data-testid="catalogue-error">
            <strong>{where(e)}</strong>: {t(`err_${e.code}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProductTable({ products }: { products: Product[] }) {
  const t = useAdminT();
  if (products.length === 0) return null;
  return (
    <table className="admin-table" data-testid="catalogue-table">
      <thead>
        <tr>
          <th>{t('colId')}</th>
          <th>{t('colName')}</th>
          <th>{t('colPrice')}</th>
          <th>{t('colStock')}</th>
        </tr>
      </thead>
      <tbody>
        {products.map((p) => (
          <tr key={p.id}>
            <td>{p.id}</td>
            <td>{p.name}</td>
            <td className="num">{p.price}</td>
            <td className="num">{p.stock}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
