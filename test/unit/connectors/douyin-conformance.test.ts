// Every Douyin relay conformance fixture through the relay source's decode (the text frame parsed as the
// source parses it, long ids kept as strings) and the mapping, field by field.
import { describe, expect, it } from 'vitest';
import { mapRelayFrame } from '../../../server/sources/connectors/douyin/douyin-mapping.ts';
import { parseJsonLongIds } from '../../../server/sources/connectors/map-helpers.ts';
import { CONFORMANCE_TS, conformanceCases, withTs } from '../../helpers/conformance.ts';

const cases = conformanceCases('douyin.json');

describe('Douyin relay conformance', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const results = c.messages.map((m) => mapRelayFrame(parseJsonLongIds(JSON.stringify(m)), CONFORMANCE_TS));
    expect(results.flatMap((r) => r.events)).toEqual(withTs(c.expect));
    expect(results.some((r) => r.anonymous)).toBe(c.masked ?? false);
    expect(results.some((r) => r.unknown)).toBe(c.unknown ?? false);
  });
});
