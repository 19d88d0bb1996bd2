// The simulator source's room clock: it holds at delivered events while a backlog is in flight, and never runs
// back behind a time it already handed out (a cue stamped then must not be delivered "before" it was sent).
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../server/sources/simulator/simulator.ts';
import { SimulatorSource } from '../../server/sources/simulator-source.ts';

const T0 = Date.UTC(2026, 0, 1, 12);

describe('SimulatorSource clock', () => {
  it('never runs back while a batch is in flight', async () => {
    let wall = 0;
    const sim = createSimulator({ seed: 3, startTs: T0, peakOnline: 3000 });
    const src = new SimulatorSource(sim, T0, 10, { now: () => wall });
    let release: () => void = () => {};
    const sink = { ingest: () => new Promise<void>((r) => (release = r)) };
    Object.assign(src, { sink, wall0: 0 });
    const step = () => (src as unknown as { step(): Promise<number | undefined> }).step();
    await step(); // nothing due yet: caught up at T0
    expect(src.virtualNow()).toBe(T0);
    wall = 60_000; // ten simulated minutes at 10×: far more than one batch
    const seen = src.virtualNow();
    expect(seen).toBe(T0 + 600_000);
    const first = step();
    release();
    await first;
    const second = step(); // the second batch is in flight; the first one's last event is behind `seen`
    expect(src.virtualNow()).toBeGreaterThanOrEqual(seen);
    release();
    await second;
  });

  it('shows a simulator that throws as its error, not as a healthy source, and recovers', async () => {
    const sim = createSimulator({ seed: 4, startTs: T0, peakOnline: 300 });
    let broken = true;
    const advance = sim.advance.bind(sim);
    sim.advance = (to: number) => {
      if (broken) throw new Error('simulator bug');
      return advance(to);
    };
    let wall = 0;
    const src = new SimulatorSource(sim, T0, 1, { now: () => wall });
    Object.assign(src, { sink: { ingest: async () => {} }, wall0: 0 });
    const step = () => (src as unknown as { step(): Promise<number | undefined> }).step();
    await step();
    expect(src.health()).toMatchObject({ status: 'error', error: 'simulator bug' });
    broken = false;
    wall = 5_000;
    await step();
    expect(src.health()).toMatchObject({ status: 'ok', error: null });
  });

  it('counts the events it delivers, like a connector counts its messages', async () => {
    let wall = 0;
    const sim = createSimulator({ seed: 5, startTs: T0, peakOnline: 300 });
    const src = new SimulatorSource(sim, T0, 10, { now: () => wall });
    let delivered = 0;
    const ingest = async (b: unknown[]) => {
      delivered += b.length;
    };
    Object.assign(src, { sink: { ingest }, wall0: 0 });
    const step = () => (src as unknown as { step(): Promise<number | undefined> }).step();
    wall = 30_000;
    while ((await step()) === 0);
    expect(delivered).toBeGreaterThan(0);
    expect(src.health().messages).toBe(delivered);
  });
});
