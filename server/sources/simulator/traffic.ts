// Viewers coming and going. Arrivals are Poisson, steered so online follows a target (ramp-up, slow waves,
// dips); each arrival draws its stay and is scheduled to leave, in per-second buckets, so nothing ever scans
// the audience. Room exposures (直播间曝光) accrue at 3–10 per entry and are reported every 5 seconds.
import { type Audience, drawStayMs, type Viewer } from './audience.ts';
import type { SimContext } from './context.ts';
import { SecondBuckets } from './second-buckets.ts';

/** Matches the mean of drawStayMs, so arrivals at target / mean keep online steady. */
const MEAN_STAY_S = 55;
/** Online closes its gap to the target with this time constant: a dip bites, and heals, in 1–2 minutes. */
const CATCH_UP_S = 30;
const EXPOSURE_REPORT_EVERY_S = 5;

export class Traffic {
  private readonly departures = new SecondBuckets<Viewer>();
  private exposures = 0;
  /** Scheduled departures of the last second taken (for the ground truth of a walk-out). */
  departed = 0;

  constructor(private readonly ctx: SimContext) {}

  get audience(): Audience {
    return this.ctx.audience;
  }

  /** Viewers whose stay ends in second `k` (starting at `t`) leave, at the instant their stay ends. */
  leave(k: number): void {
    this.departed = 0;
    for (const v of this.departures.take(k)) {
      if (!this.audience.leave(v)) continue;
      this.emitLeave(v, v.leaveAt);
      this.departed++;
    }
  }

  /** New viewers in second `k`, steered towards `target` online; in an arrivals dip (`arrivals` < 1) the
   * steering stops and only that share of the usual arrivals comes, so online sinks as stays end. `target0`:
   * the target without the dips, for the ground truth. */
  arrive(k: number, t: number, target: number, arrivals = 1, target0 = target): void {
    const { ctx } = this;
    const steer = (to: number) => Math.max(0, to / MEAN_STAY_S + (to - this.audience.size) / CATCH_UP_S);
    const rate = arrivals < 1 ? (arrivals * target) / MEAN_STAY_S : steer(target);
    const n = ctx.rng.poisson(rate);
    ctx.truth?.flow('arrivals', t, steer(target0), rate, n);
    if (n > 0) this.exposures += n * ctx.rng.range(3, 10);
    for (let i = 0; i < n; i++) {
      const ts = t + ctx.rng.int(1000);
      const v = this.audience.enter(ts, drawStayMs(ctx.rng));
      ctx.emit({ type: 'viewer_enter', ts, id: ctx.id(), userId: v.id });
      this.departures.add(k, Math.floor((v.leaveAt - t) / 1000) + k, v);
    }
    if (k % EXPOSURE_REPORT_EVERY_S === 0 && this.exposures >= 1) {
      const count = Math.floor(this.exposures);
      this.exposures -= count;
      ctx.emit({ type: 'room_exposure', ts: t, id: ctx.id(), count });
    }
  }

  /** In a retention dip, viewers above the lowered target walk out on top of the usual departures. */
  walkOut(t: number, target: number): void {
    const excess = this.audience.size - target;
    // Ground truth: departures are the scheduled ones (mean: the room's size over the mean stay) plus the
    // walk-outs drawn here.
    const usual = (this.audience.size + this.departed) / MEAN_STAY_S;
    const walk = Math.max(0, excess) / CATCH_UP_S;
    const drawn = excess > 0 ? this.ctx.rng.poisson(walk) : 0;
    this.ctx.truth?.flow('departures', t, usual, usual + walk, this.departed + drawn);
    for (let n = drawn; n > 0; n--) {
      const v = this.audience.pick(this.ctx.rng);
      if (!v) return;
      this.audience.leave(v);
      this.emitLeave(v, Math.max(v.enteredAt, t + this.ctx.rng.int(1000)));
    }
  }

  /** The stream ended at `t`: everyone still watching leaves. */
  close(t: number): void {
    for (const v of this.audience.clear()) this.emitLeave(v, t);
    this.departures.clear();
  }

  private emitLeave(v: Viewer, ts: number): void {
    this.ctx.emit({ type: 'viewer_leave', ts, id: this.ctx.id(), userId: v.id });
  }
}
