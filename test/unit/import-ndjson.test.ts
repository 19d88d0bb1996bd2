// NDJSON import: one value per non-blank line, items aligned with the batch so each rejection keeps its index.
import { describe, expect, it } from 'vitest';
import { parseNdjson } from '../../server/sources/import/ndjson.ts';

describe('parseNdjson', () => {
  it('reads one value per line, and a bad line rejects only itself at its own index', () => {
    const text = ['{"type":"like","ts":1,"count":2}', '{"type":', '[1,2]', 'not json', '"a string"'].join('\n');
    const { items } = parseNdjson(text);
    expect(items).toHaveLength(5);
    expect(items[0]).toEqual({ ok: true, value: { type: 'like', ts: 1, count: 2 } });
    expect(items[1]).toMatchObject({ ok: false, code: 'invalid_json' });
    expect(items[2]).toEqual({ ok: true, value: [1, 2] });
    expect(items[3]).toMatchObject({ ok: false, code: 'invalid_json', message: expect.stringContaining('line 4') });
    expect(items[4]).toEqual({ ok: true, value: 'a string' });
  });

  it('tolerates CRLF, blank and whitespace-only lines, a trailing newline and a byte-order mark', () => {
    const text = '\ufeff{"a":1}\r\n\r\n   \r\n{"b":"x\\r\\n"}\r\n\t\nbroken\r\n{"c":3}\r\n';
    const { items } = parseNdjson(text);
    expect(items.map((i) => (i.ok ? i.value : i.code))).toEqual([{ a: 1 }, { b: 'x\r\n' }, 'invalid_json', { c: 3 }]);
    // Line numbers in messages count every line of the file, blank ones included, so a person can find it.
    expect(items[2]).toMatchObject({ message: expect.stringContaining('line 6') });
  });

  it('returns no items for an empty or blank text', () => {
    expect(parseNdjson('').items).toEqual([]);
    expect(parseNdjson('\n\r\n  \n').items).toEqual([]);
  });

  it('keeps the positions of many lines aligned', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => (i % 7 === 3 ? `{bad ${i}` : JSON.stringify({ i })));
    const { items } = parseNdjson(lines.join('\r\n'));
    expect(items).toHaveLength(1000);
    items.forEach((item, i) => {
      expect(item.ok).toBe(i % 7 !== 3);
      if (item.ok) expect(item.value).toEqual({ i });
    });
  });
});
