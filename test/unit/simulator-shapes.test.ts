import { describe, expect, it } from 'vitest';
import { SESSION_SHAPES, shapeFactor, shapeOver } from '../../server/sources/simulator/shapes.ts';
import { createSimulator } from '../../server/sources/simulator/simulator.ts';

const MIN = 60_000;

/** Online viewers at the end of each minute, from entries and departures. */
function onlineByMinute(shape: ReturnType<typeof shapeOver> | undefined, minutes: number): number[] {
  const sim = createSimulator({ seed: 5, startTs: 0, peakOnline: 200, durationMs: minutes * MIN, shape });
  const events = sim.advance(minutes * MIN);
  const out: number[] = [];
  let online = 0;
  let i = 0;
  for (let m = 1; m <= minutes; m++) {
    for (; i < events.length && events[i]!.ts < m * MIN; i++) {
      if (events[i]!.type === 'viewer_enter') online++;
      else if (events[i]!.type === 'viewer_leave') online--;
    }
    out.push(online);
  }
  return out;
}

describe('session shapes', () => {
  it('are multipliers of the target online between 0.25 and 1.5', () => {
    for (const s of SESSION_SHAPES)
      for (let f = 0; f <= 1; f += 0.05) {
        expect(shapeFactor(s, f)).toBeGreaterThanOrEqual(0.25);
        expect(shapeFactor(s, f)).toBeLessThanOrEqual(1.5);
      }
  });

  it('move the simulated audience: a dip at 40–50 % of the session, same seed otherwise', () => {
    const flat = onlineByMinute(undefined, 60);
    const dip = onlineByMinute(shapeOver('dip', 60 * MIN), 60);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(dip.slice(26, 30)) / mean(flat.slice(26, 30))).toBeLessThan(0.75);
    expect(mean(dip.slice(10, 20)) / mean(flat.slice(10, 20))).toBeGreaterThan(0.85);
  });
});
