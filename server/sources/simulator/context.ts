// What the parts of a simulated second share: the seeded stream of randomness, the audience, and where events go.
import type { LiveEvent } from '../../../shared/events.ts';
import type { Audience, Viewer } from './audience.ts';
import type { Rng } from './rng.ts';
import type { TruthSink } from './truth.ts';

export interface SimContext {
  readonly rng: Rng;
  readonly audience: Audience;
  /** Share of comments, likes and shares sent without a userId, as some platforms do. */
  readonly anonymousShare: number;
  /** Ground truth of each trial, for oracles (absent: nothing recorded). */
  readonly truth?: TruthSink;
  /** The next unique event id. */
  id(): string;
  /** An event of the second being generated: its ts lies within [t, t + 1000). */
  emit(e: LiveEvent): void;
  /** An event due in a later second (payments, refunds). */
  later(e: LiveEvent): void;
}

/** A random instant in the second starting at `t`, never before the viewer entered. */
export function instant(ctx: SimContext, t: number, v?: Viewer): number {
  const ts = t + ctx.rng.int(1000);
  return v && v.enteredAt > ts ? v.enteredAt : ts;
}

/** A viewer to act, or undefined for an anonymous action (when allowed) or an empty room. */
export function actor(ctx: SimContext, allowAnonymous: boolean): Viewer | undefined {
  if (allowAnonymous && ctx.rng.chance(ctx.anonymousShare)) return undefined;
  return ctx.audience.pick(ctx.rng);
}
