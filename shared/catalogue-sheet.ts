// A catalogue pasted from a spreadsheet (tab-separated) or a CSV file: id, name, price, stock. Every problem is
// named by line and column, and the sheet is accepted only whole: one bad cell and nothing is saved. Each row
// is checked against ProductSchema (the same schema the server validates the PUT with), so the two agree.
import { Value } from '@sinclair/typebox/value';
import { CatalogueSchema, type Product, ProductSchema } from './events.ts';

export const SHEET_COLUMNS = ['id', 'name', 'price', 'stock'] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number];

export interface SheetError {
  /** 1-based line of the pasted text or file. */
  line: number;
  /** Null when the problem is the whole line (too few cells) or the whole sheet. */
  column: SheetColumn | null;
  code: 'missing_cell' | 'extra_cell' | 'not_a_number' | 'invalid_value' | 'duplicate_id' | 'too_many_rows' | 'empty';
  message: string;
}

export type SheetResult = { ok: true; products: Product[] } | { ok: false; errors: SheetError[] };

/** Header words accepted for each column (any case), so a sheet exported with Chinese headers reads too. */
const HEADERS: Record<SheetColumn, string[]> = {
  id: ['id', '编号', '商品id', 'sku'],
  name: ['name', '名称', '商品名', '商品名称'],
  price: ['price', '价格', '售价'],
  stock: ['stock', '库存'],
};

/** Splits one CSV line with RFC 4180 quotes ("a, b" and "" for a quote); tabs split without quoting. */
export function splitCells(line: string, tab: boolean): string[] {
  if (tab) return line.split('\t');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"' && (quoted || cell.trim() === '')) {
      quoted = !quoted;
      if (quoted) cell = '';
    } else if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

const headerColumn = (cell: string) => SHEET_COLUMNS.find((col) => HEADERS[col].includes(cell.trim().toLowerCase()));
/** A first line naming at least two different columns is a header. */
const isHeader = (cells: string[]) => new Set(cells.map(headerColumn).filter(Boolean)).size >= 2;

/** Column order from a header line, or the default order. */
function columnOrder(cells: string[]): SheetColumn[] {
  return cells.map((c) => headerColumn(c) ?? 'id');
}

function readRow(cells: string[], order: readonly SheetColumn[], line: number, errors: SheetError[]): Product | null {
  const before = errors.length;
  const raw: Record<string, string> = {};
  order.forEach((col, i) => {
    raw[col] = (cells[i] ?? '').trim();
  });
  for (const col of SHEET_COLUMNS)
    if (!raw[col]) errors.push({ line, column: col, code: 'missing_cell', message: `${col} is empty` });
  if (cells.length > order.length && cells.slice(order.length).some((c) => c.trim() !== ''))
    errors.push({ line, column: null, code: 'extra_cell', message: `more than ${order.length} cells` });
  const num = (col: 'price' | 'stock') => {
    const text = (raw[col] ?? '').replace(/^[¥￥]/, '').replace(/,/g, '');
    const n = Number(text);
    if (raw[col] && (text === '' || !Number.isFinite(n)))
      errors.push({ line, column: col, code: 'not_a_number', message: `${col} "${raw[col]}" is not a number` });
    return n;
  };
  const product = { id: raw.id ?? '', name: raw.name ?? '', price: num('price'), stock: num('stock') };
  if (errors.length > before) return null;
  for (const e of Value.Errors(ProductSchema, product)) {
    const column = e.path.slice(1) as SheetColumn;
    errors.push({ line, column, code: 'invalid_value', message: `${column}: ${e.message}` });
  }
  return errors.length > before ? null : product;
}

/** Ids for a sheet without an id column (名称/价格/库存 only): the stored product's of the same name, else the
 * next free p1, p2 …, so pasting the same sheet again updates those products instead of adding new ones. */
function assignIds(products: Product[], existing: readonly Product[]): void {
  const byName = new Map(existing.map((p) => [p.name, p.id]));
  const taken = new Set(existing.map((p) => p.id));
  let n = 0;
  for (const p of products) {
    const known = byName.get(p.name);
    if (known) p.id = known;
    else {
      do n++;
      while (taken.has(`p${n}`));
      p.id = `p${n}`;
    }
    taken.add(p.id);
  }
}

export function parseCatalogueSheet(text: string, existing: readonly Product[] = []): SheetResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const tab = lines.some((l) => l.includes('\t'));
  const errors: SheetError[] = [];
  const products: Product[] = [];
  const seen = new Map<string, number>();
  let order: readonly SheetColumn[] = SHEET_COLUMNS;
  let generated = false;
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    const cells = splitCells(l, tab);
    if (products.length === 0 && errors.length === 0 && seen.size === 0 && isHeader(cells)) {
      order = columnOrder(cells);
      // No id column: ids are given below, after the rows are read (a placeholder passes the row check).
      if (!order.includes('id')) {
        generated = true;
        order = [...order, 'id'];
      }
      return;
    }
    if (generated) {
      while (cells.length < order.length - 1) cells.push('');
      cells.splice(order.length - 1, 0, 'p0');
    }
    const p = readRow(cells, order, i + 1, errors);
    const id = (cells[order.indexOf('id')] ?? '').trim();
    const first = seen.get(id);
    if (generated) {
      // ids come later
    } else if (id && first !== undefined) {
      const message = `id ${id} is already on line ${first}`;
      errors.push({ line: i + 1, column: 'id', code: 'duplicate_id', message });
    } else if (id) seen.set(id, i + 1);
    if (p !== null) products.push(p);
  });
  const max = CatalogueSchema.maxItems ?? Number.POSITIVE_INFINITY;
  if (products.length > max)
    errors.push({ line: lines.length, column: null, code: 'too_many_rows', message: `more than ${max} products` });
  if (products.length === 0 && errors.length === 0)
    errors.push({ line: 1, column: null, code: 'empty', message: 'no product lines' });
  if (generated && errors.length === 0) assignIds(products, existing);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, products };
}

/** Header words per language (each is one HEADERS accepts back): people see 编号 名称 价格 库存, not field names. */
const SHEET_HEADER: Record<'zh' | 'en', string[]> = {
  zh: ['编号', '名称', '价格', '库存'],
  en: ['id', 'name', 'price', 'stock'],
};

/** The catalogue as a tab-separated sheet with a header, for editing in a spreadsheet and pasting back. */
export function catalogueToSheet(products: readonly Product[], lang: 'zh' | 'en' = 'en'): string {
  return [SHEET_HEADER[lang].join('\t'), ...products.map((p) => [p.id, p.name, p.price, p.stock].join('\t'))].join(
    '\n',
  );
}
