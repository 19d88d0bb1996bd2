// Every Kuaishou conformance fixture encoded as the platform frames it (a SocketMessage, plain or gzipped)
// and run through the connector's decode and mapping: the events field by field.
import { describe, expect, it } from 'vitest';
import {
  decodeSocketMessage,
  encodeSocketMessage,
} from '../../../server/sources/connectors/kuaishou/kuaishou-codec.ts';
import { mapKuaishou } from '../../../server/sources/connectors/kuaishou/kuaishou-mapping.ts';
import { type PbSpec, writePb } from '../../../server/sources/connectors/pb-fields.ts';
import { CONFORMANCE_TS, conformanceCases, withTs } from '../../helpers/conformance.ts';

const cases = conformanceCases('kuaishou.json');

describe('Kuaishou conformance', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const results = c.messages.map((raw) => {
      const { type, payload, gzip } = raw as { type: number; payload: PbSpec; gzip?: boolean };
      const m = decodeSocketMessage(encodeSocketMessage(type, writePb(payload), gzip));
      expect(m).not.toBeNull();
      return mapKuaishou(m!, CONFORMANCE_TS);
    });
    expect(results.flatMap((r) => r.events)).toEqual(withTs(c.expect));
    expect(results.some((r) => r.unknown)).toBe(c.unknown ?? false);
  });

  it('refuses frames it cannot read (AES payloads, garbage) instead of guessing', () => {
    expect(decodeSocketMessage(writePb({ 1: 310, 2: 3, 3: new Uint8Array([1, 2, 3]) }))).toBeNull();
    expect(decodeSocketMessage(new Uint8Array([0xff, 0xff, 0xff]))).toBeNull();
  });
});
