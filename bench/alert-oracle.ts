// The oracle a detector is scored against: it knows the simulator's true rates, the dip's depth and its start
// (server/sources/simulator/truth.ts reports each trial with the rate it was drawn at and the rate it would have
// had without the dip), and runs Page's CUSUM of the exact log likelihood ratio over the trials the simulator
// really generated, from the dip's start, to ln(4 h in seconds): the delay no detector that tolerates one false
// alarm per 4 hours can beat on average (Lorden). Conversion stages use each trial's outcome (exposure → click,
// click → order, order → paid) at the trial's own time, as if the lag were known; the audience uses the
// arrivals and departures per second. Nothing here reads the detector's code or constants.
import type { DipLabel } from '../server/sources/simulator/families.ts';
import type { TruthFlow, TruthSink, TruthStage } from '../server/sources/simulator/truth.ts';

export const ORACLE_THRESHOLD = Math.log(4 * 3600);
/** An impossible outcome under one hypothesis is capped: one event tells the oracle everything. */
const CAP = 50;
type Channel = TruthStage | 'audience';

/** Per channel, the exact LLR of each second (dip against no dip); seconds outside the dips add nothing. */
export class OracleTruth implements TruthSink {
  private readonly perSec: Record<Channel, Map<number, number>> = {
    click: new Map(),
    order: new Map(),
    pay: new Map(),
    audience: new Map(),
  };

  trial(stage: TruthStage, ts: number, p0: number, p1: number, success: boolean): void {
    if (p0 === p1) return;
    const l = success ? ln(p1 / p0) : ln((1 - p1) / (1 - p0));
    this.add(stage, ts, l);
  }

  flow(_kind: TruthFlow, ts: number, mu0: number, mu1: number, n: number): void {
    if (mu0 === mu1) return;
    const l = n === 0 ? mu0 - mu1 : n * ln(mu1 / mu0) - (mu1 - mu0);
    this.add('audience', ts, l);
  }

  /** Seconds from the dip's start until the CUSUM of its stages crosses the threshold; null if not by its end. */
  delayMs(label: DipLabel): number | null {
    const channels = CHANNELS[label.kind];
    const from = Math.floor(label.startTs / 1000);
    const to = Math.ceil(label.endTs / 1000);
    let s = 0;
    for (let sec = from; sec < to; sec++) {
      let inc = 0;
      for (const c of channels) inc += this.perSec[c].get(sec) ?? 0;
      s = Math.max(0, s + inc);
      if (s >= ORACLE_THRESHOLD) return (sec + 1) * 1000 - label.startTs;
    }
    return null;
  }

  private add(c: Channel, ts: number, l: number): void {
    const sec = Math.floor(ts / 1000);
    const m = this.perSec[c];
    m.set(sec, (m.get(sec) ?? 0) + Math.max(-CAP, Math.min(CAP, l)));
  }
}

const ln = (r: number) => (r > 0 ? Math.log(r) : Number.isFinite(r) ? -CAP : CAP);

const CHANNELS: Record<DipLabel['kind'], Channel[]> = {
  retention: ['audience'],
  arrivals: ['audience'],
  clickRate: ['click'],
  clickToOrder: ['order'],
  payment: ['pay'],
  conversion: ['click', 'order'],
};
