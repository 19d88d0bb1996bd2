// One rule's life, as Prometheus runs it: the condition must hold `for` seconds before firing (pending
// meanwhile); a firing alert stays firing until the condition has been false for `keep_firing_for`; after it
// resolves, the rule rests for `cooldown` before it may go pending again. Pure: time comes in as an argument.
import type { AlertRule } from '../../shared/alerts.ts';

export type Phase = 'inactive' | 'pending' | 'firing' | 'cooldown';
export type Transition = 'pending' | 'fired' | 'cleared' | 'resolved' | null;

export class RuleState {
  phase: Phase = 'inactive';
  activeAt = 0;
  firedAt = 0;
  lastTrueAt = 0;
  resolvedAt = 0;

  checkpoint(): RuleStateCheckpoint {
    const { phase, activeAt, firedAt, lastTrueAt, resolvedAt } = this;
    return { phase, activeAt, firedAt, lastTrueAt, resolvedAt };
  }

  static restore(s: RuleStateCheckpoint): RuleState {
    return Object.assign(new RuleState(), s);
  }

  /** Feed whether the condition holds at `ts` (null: not judged, e.g. too few samples); returns what changed. */
  step(rule: AlertRule, ts: number, holds: boolean | null): Transition {
    const cond = holds === true;
    if (cond) this.lastTrueAt = ts;
    switch (this.phase) {
      case 'cooldown':
        if (ts - this.resolvedAt < rule.cooldownSeconds * 1000) return null;
        this.phase = 'inactive';
        return this.step(rule, ts, holds);
      case 'inactive':
        if (!cond) return null;
        this.activeAt = ts;
        this.phase = 'pending';
        return rule.forSeconds === 0 ? this.fire(ts) : 'pending';
      case 'pending':
        if (!cond) {
          this.phase = 'inactive';
          return 'cleared';
        }
        return ts - this.activeAt >= rule.forSeconds * 1000 ? this.fire(ts) : null;
      case 'firing':
        if (cond || ts - this.lastTrueAt < rule.keepFiringForSeconds * 1000) return null;
        this.phase = 'cooldown';
        this.resolvedAt = ts;
        return 'resolved';
    }
  }

  private fire(ts: number): Transition {
    this.phase = 'firing';
    this.firedAt = ts;
    return 'fired';
  }
}

export type RuleStateCheckpoint = Pick<RuleState, 'phase' | 'activeAt' | 'firedAt' | 'lastTrueAt' | 'resolvedAt'>;
