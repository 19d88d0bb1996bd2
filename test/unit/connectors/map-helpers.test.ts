// Long ids in the platforms' JSON: read as strings, never rounded; everything else parses as JSON.parse does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonLongIds } from '../../../server/sources/connectors/map-helpers.ts';

describe('parseJsonLongIds', () => {
  it('quotes 16+ digit integers outside strings only', () => {
    expect(
      parseJsonLongIds('{"p_id":6920000000000000001,"n":12,"f":1234567890123456.5,"s":"x:6920000000000000001,"}'),
    ).toEqual({
      p_id: '6920000000000000001',
      n: 12,
      f: 1234567890123456.5,
      s: 'x:6920000000000000001,',
    });
    expect(parseJsonLongIds('[-6920000000000000001, "a\\"b", 1e20]')).toEqual(['-6920000000000000001', 'a"b', 1e20]);
  });

  it('agrees with JSON.parse on any JSON without long integers', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const plain = JSON.parse(text);
        const hasLong = /(^|[^\d.eE+-])-?\d{16,}(?![\d.eE])/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
        if (!hasLong) expect(parseJsonLongIds(text)).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });
});
