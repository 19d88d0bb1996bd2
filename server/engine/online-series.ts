// Online viewers sampled every ONLINE_SERIES_STEP_MS of event time, in a fixed ring (30 min on screen).
import { ONLINE_SERIES_POINTS, ONLINE_SERIES_STEP_MS } from '../../shared/constants.ts';

export class OnlineSeries {
  private readonly points: [number, number][] = [];
  private lastStep = -1;

  /** Record `value` for the step containing `ts`; a later sample in the same step replaces it. */
  sample(ts: number, value: number): void {
    const step = Math.floor(ts / ONLINE_SERIES_STEP_MS);
    if (step < this.lastStep) return;
    const point: [number, number] = [step * ONLINE_SERIES_STEP_MS, value];
    if (step === this.lastStep) this.points[this.points.length - 1] = point;
    else {
      this.points.push(point);
      if (this.points.length > ONLINE_SERIES_POINTS) this.points.shift();
      this.lastStep = step;
    }
  }

  checkpoint(): { points: [number, number][]; lastStep: number } {
    return { points: this.toArray(), lastStep: this.lastStep };
  }

  restore(s: { points: [number, number][]; lastStep: number }): void {
    this.points.splice(0, this.points.length, ...s.points.map((p): [number, number] => [p[0], p[1]]));
    this.lastStep = s.lastStep;
  }

  toArray(): [number, number][] {
    return this.points.map((p) => [p[0], p[1]]);
  }
}
