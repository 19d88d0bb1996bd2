// The catalogue sheet: CSV and spreadsheet paste, errors by line and column, accepted only whole.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogueToSheet, parseCatalogueSheet, splitCells } from '../../shared/catalogue-sheet.ts';

describe('catalogue sheet', () => {
  it('reads a pasted spreadsheet with a Chinese header in another column order', () => {
    const r = parseCatalogueSheet('商品名\t编号\t库存\t价格\n保温杯\tp1\t500\t59.9\n紫砂壶\tp2\t20\t¥1,299');
    expect(r).toEqual({
      ok: true,
      products: [
        { id: 'p1', name: '保温杯', price: 59.9, stock: 500 },
        { id: 'p2', name: '紫砂壶', price: 1299, stock: 20 },
      ],
    });
  });

  it('reads CSV without a header, with quoted cells holding commas and quotes', () => {
    const r = parseCatalogueSheet('p1,"杯子, 大号",59,10\r\np2,"他说""好""",1,0\r\n');
    expect(r).toEqual({
      ok: true,
      products: [
        { id: 'p1', name: '杯子, 大号', price: 59, stock: 10 },
        { id: 'p2', name: '他说"好"', price: 1, stock: 0 },
      ],
    });
  });

  it('names every problem by line and column and saves nothing', () => {
    const r = parseCatalogueSheet('id,name,price,stock\np1,杯子,abc,10\np2,,5,1\np3,壶,5,-1\np1,重复,1,1\np4,多,1,1,x');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'price', 'not_a_number'],
      [3, 'name', 'missing_cell'],
      [4, 'stock', 'invalid_value'],
      [5, 'id', 'duplicate_id'],
      [6, null, 'extra_cell'],
    ]);
    expect(r.errors[3]!.message).toContain('line 2');
  });

  it('refuses an empty sheet and a fractional stock', () => {
    expect(parseCatalogueSheet('\n\n')).toMatchObject({ ok: false, errors: [{ code: 'empty' }] });
    expect(parseCatalogueSheet('p1\t杯\t1\t1.5')).toMatchObject({ ok: false, errors: [{ line: 1, column: 'stock' }] });
  });

  it('round-trips any valid catalogue through its sheet', () => {
    const product = fc.record({
      id: fc.stringMatching(/^[a-z0-9_-]{1,12}$/),
      name: fc.stringMatching(/^[\u4e00-\u4e2fa-zA-Z][\u4e00-\u4e2fa-zA-Z ,"]{0,20}[\u4e00-\u4e2fa-zA-Z]$/),
      price: fc.integer({ min: 0, max: 1_000_000 }).map((c) => c / 100),
      stock: fc.integer({ min: 0, max: 100_000 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(product, { selector: (p) => p.id, minLength: 1, maxLength: 30 }), (products) => {
        expect(parseCatalogueSheet(catalogueToSheet(products))).toEqual({ ok: true, products });
      }),
    );
  });

  it('splits CSV cells with quotes only at the start of a cell', () => {
    expect(splitCells('a,b"c,"d,e"', false)).toEqual(['a', 'b"c', 'd,e']);
  });
});

describe('a sheet without a product code', () => {
  it('reads 名称/价格/库存, keeping the stored ids of known names and numbering the new ones', () => {
    const existing = [{ id: 'p1', name: '保温杯', price: 59, stock: 10 }];
    const r = parseCatalogueSheet('名称\t价格\t库存\n保温杯\t61\t9\n紫砂壶\t199\t5\n面膜\t66\t20', existing);
    expect(r).toEqual({
      ok: true,
      products: [
        { id: 'p1', name: '保温杯', price: 61, stock: 9 },
        { id: 'p2', name: '紫砂壶', price: 199, stock: 5 },
        { id: 'p3', name: '面膜', price: 66, stock: 20 },
      ],
    });
    // A short row still names the right column.
    const bad = parseCatalogueSheet('名称,价格,库存\n杯,5');
    expect(bad).toMatchObject({ ok: false, errors: [{ line: 2, column: 'stock', code: 'missing_cell' }] });
  });

  it('writes its header in the reader’s words and reads it back', () => {
    const products = [{ id: 'p1', name: '保温杯', price: 59, stock: 10 }];
    expect(catalogueToSheet(products, 'zh').split('\n')[0]).toBe('编号\t名称\t价格\t库存');
    expect(parseCatalogueSheet(catalogueToSheet(products, 'zh'))).toEqual({ ok: true, products });
  });
});
