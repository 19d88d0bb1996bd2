// A stream that ends is not a dip: once the source says session_end, no rule is judged until the next session,
// so the room emptying at 下播 raises nothing. Without session_end the same close reads as a fall in viewers.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../server/alerts/default-rules.ts';
import { RoomRuntime } from '../../../server/rooms/room-runtime.ts';
import { createSimulator } from '../../../server/sources/simulator/simulator.ts';
import type { Alert } from '../../../shared/alerts.ts';
import type { LiveEvent } from '../../../shared/events.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const MIN = 60_000;
const END = T0 + 15 * MIN;

function raisedAtClose(sayEnd: boolean): Alert[] {
  const sim = createSimulator({ seed: 5, startTs: T0, peakOnline: 2000, durationMs: END - T0 });
  const raised: Alert[] = [];
  const listener = {
    alerts: (_r: string, events: { type: string; alert: Alert }[]) =>
      raised.push(...events.filter((e) => e.type === 'raised').map((e) => e.alert)),
    cues: () => {},
  };
  const tokenizer = { tokenize: () => [], addWords: () => {} };
  const runtime = new RoomRuntime('r', tokenizer, sim.catalogue, { putState: () => {} }, DEFAULT_RULES, listener);
  for (let t = T0 + 1000; t <= END + 3 * MIN; t += 1000) {
    const events: LiveEvent[] = sim.advance(t);
    // The platform says the live ended in the second the room empties.
    if (sayEnd && t === END + 1000) events.push({ type: 'session_end', ts: END + 500 });
    runtime.applyEvents(events);
    runtime.tick(t);
  }
  return raised.filter((a) => a.activeAt >= END);
}

describe('off air after session_end', () => {
  it('raises nothing when the room empties at the end of the live', () => {
    expect(raisedAtClose(false).map((a) => a.ruleId)).toContain('online-drop');
    expect(raisedAtClose(true)).toEqual([]);
  });
});
