// Every Bilibili conformance fixture through the packet decoder (a brotli frame, as the platform sends
// protover 3) and the mapping: the events field by field, and the source-state facts (masked, cut off).
import { describe, expect, it } from 'vitest';
import { BilibiliMapper } from '../../../server/sources/connectors/bilibili/bilibili-mapping.ts';
import { decodeFrame, encodeMessages, OP, VER } from '../../../server/sources/connectors/bilibili/packet.ts';
import { CONFORMANCE_TS, conformanceCases, withTs } from '../../helpers/conformance.ts';

const cases = conformanceCases('bilibili.json');

describe('Bilibili conformance', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { packets, garbage } = decodeFrame(encodeMessages(c.messages as object[], VER.brotli));
    expect(garbage).toEqual([]);
    const mapper = new BilibiliMapper();
    const results = packets.flatMap((p) => (p.op === OP.message ? [mapper.map(p.body, CONFORMANCE_TS)] : []));
    expect(results).toHaveLength(c.messages.length);
    expect(results.flatMap((r) => r.events)).toEqual(withTs(c.expect));
    expect(mapper.masked).toBe(c.masked ?? false);
    expect(results.some((r) => r.bad)).toBe(c.bad ?? false);
    expect(results.some((r) => r.unknown)).toBe(c.unknown ?? false);
    if (c.onAir !== undefined) expect(results.at(-1)?.onAir).toBe(c.onAir);
    if (c.reason !== undefined) expect(results.at(-1)?.reason).toBe(c.reason);
  });
});
