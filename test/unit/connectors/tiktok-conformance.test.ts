// Every TikTok conformance fixture (legacy flat and v3 objects, told apart per message) through the mapping
// at its event time, then the source's sweep when the case has one: the events field by field.
import { describe, expect, it } from 'vitest';
import { type TikTokEventName, TikTokMapper } from '../../../server/sources/connectors/tiktok/tiktok-mapping.ts';
import { CONFORMANCE_TS, conformanceCases, withTs } from '../../helpers/conformance.ts';

const cases = conformanceCases('tiktok.json');

describe('TikTok conformance', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const mapper = new TikTokMapper();
    const events = c.messages.flatMap((msg, i) => {
      const { event, data } = msg as { event: TikTokEventName; data: unknown };
      return mapper.map(event, data, CONFORMANCE_TS + (c.at?.[i] ?? 0)).events;
    });
    if (c.sweepAt !== undefined) {
      expect(mapper.expire(CONFORMANCE_TS + c.sweepAt - 1)).toEqual([]); // not a moment before the timeout
      events.push(...mapper.expire(CONFORMANCE_TS + c.sweepAt));
    }
    expect(events).toEqual(withTs(c.expect));
    // Nothing is left to count twice: a later sweep closes nothing more.
    expect(mapper.expire(CONFORMANCE_TS + 3_600_000)).toEqual([]);
  });
});
