// The bench's oracle: exact LLR on the simulator's true rates from the dip's start. A deeper dip is told sooner,
// a dip-free stream never, and recording the truth changes nothing the simulator draws.
import { describe, expect, it } from 'vitest';
import { OracleTruth } from '../../bench/alert-oracle.ts';
import { labelOf } from '../../server/sources/simulator/families.ts';
import { createSimulator, type SimulatorOptions } from '../../server/sources/simulator/simulator.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const MIN = 60_000;

function oracleOf(depth: number, kind: 'clickToOrder' | 'retention' = 'clickToOrder') {
  const dip = { kind, atMs: 10 * MIN, durationMs: 8 * MIN, depth };
  const truth = new OracleTruth();
  const o: SimulatorOptions = { seed: 4, startTs: T0, peakOnline: 2000, delays: 'realistic', dips: [dip], truth };
  createSimulator(o).advance(T0 + 20 * MIN);
  return truth.delayMs(labelOf(dip, T0));
}

describe('alert oracle', () => {
  it('tells a 50 % click→order fall sooner than a 25 % one, and a walk-out within the dip', () => {
    const deep = oracleOf(0.5);
    const shallow = oracleOf(0.25);
    expect(deep).not.toBeNull();
    expect(deep!).toBeLessThan(shallow ?? Infinity);
    expect(oracleOf(0.3, 'retention')).not.toBeNull();
  });

  it('a stream without a dip carries no evidence, and the truth sink changes no event', () => {
    const truth = new OracleTruth();
    const o: SimulatorOptions = { seed: 4, startTs: T0, peakOnline: 500, delays: 'realistic' };
    const a = createSimulator({ ...o, truth }).advance(T0 + 10 * MIN);
    const b = createSimulator(o).advance(T0 + 10 * MIN);
    expect(a).toEqual(b);
    const label = labelOf({ kind: 'payment', atMs: MIN, durationMs: 8 * MIN, depth: 0.5 }, T0);
    expect(truth.delayMs(label)).toBeNull();
  });
});
