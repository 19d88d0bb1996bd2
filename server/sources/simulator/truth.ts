// The simulator's ground truth per trial, for oracles that score detectors (bench/alert-oracle.ts): every
// Bernoulli trial of a funnel stage with the rate it was drawn at (p1) and the rate it would have had without
// the dips (p0), and every second's Poisson count of arrivals and departures with both rates. The simulator
// reports only; it never reads the sink back, so a run with a sink draws exactly the same events.

export type TruthStage = 'click' | 'order' | 'pay';
export type TruthFlow = 'arrivals' | 'departures';

export interface TruthSink {
  /** One trial of a stage (exposure → click, click → order, order → paid) at event time `ts`. */
  trial(stage: TruthStage, ts: number, p0: number, p1: number, success: boolean): void;
  /** The count of one second (start `ts`) drawn at mean `mu1`, whose mean without the dips was `mu0`. */
  flow(kind: TruthFlow, ts: number, mu0: number, mu1: number, n: number): void;
}
