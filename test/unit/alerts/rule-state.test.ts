// Golden timelines in the style of Prometheus rule tests: the condition's value per second, and the expected
// transitions, for `for`, `keep_firing_for` and cooldown.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../server/alerts/default-rules.ts';
import { RuleState, type Transition } from '../../../server/alerts/rule-state.ts';
import { type AlertRule, rulesProblem } from '../../../shared/alerts.ts';

const rule = (over: Partial<AlertRule> = {}): AlertRule => ({
  id: 'r',
  name: 'r',
  enabled: true,
  metric: 'online',
  condition: { kind: 'below', value: 1 },
  forSeconds: 3,
  keepFiringForSeconds: 0,
  cooldownSeconds: 0,
  severity: 'warning',
  minSample: 0,
  action: '',
  ...over,
});

/** Runs a timeline ("0" false, "1" true, "." not judged), one char per second; returns transitions by second. */
function run(r: AlertRule, timeline: string): Record<number, Transition> {
  const s = new RuleState();
  const out: Record<number, Transition> = {};
  [...timeline].forEach((c, i) => {
    const t = s.step(r, i * 1000, c === '.' ? null : c === '1');
    if (t) out[i] = t;
  });
  return out;
}

describe('RuleState', () => {
  it('goes pending, then fires after `for`, then resolves when false', () => {
    expect(run(rule(), '0111110')).toEqual({ 1: 'pending', 4: 'fired', 6: 'resolved' });
  });
  it('clears a pending alert whose condition stops before `for`', () => {
    expect(run(rule(), '0110111100')).toEqual({ 1: 'pending', 3: 'cleared', 4: 'pending', 7: 'fired', 8: 'resolved' });
  });
  it('fires at once with for = 0', () => {
    expect(run(rule({ forSeconds: 0 }), '010')).toEqual({ 1: 'fired', 2: 'resolved' });
  });
  it('keeps firing for keep_firing_for after the condition stops (flapping does not resolve)', () => {
    expect(run(rule({ forSeconds: 0, keepFiringForSeconds: 3 }), '1101000000')).toEqual({ 0: 'fired', 6: 'resolved' });
  });
  it('rests for the cooldown before it may go pending again', () => {
    expect(run(rule({ forSeconds: 0, cooldownSeconds: 3 }), '10111111')).toEqual({
      0: 'fired',
      1: 'resolved',
      4: 'fired',
    });
  });
  it('treats "not judged" as not holding', () => {
    expect(run(rule({ forSeconds: 0 }), '1..1')).toEqual({ 0: 'fired', 1: 'resolved', 3: 'fired' });
  });
});

describe('rulesProblem', () => {
  const r = (over: Partial<AlertRule>): AlertRule => ({ ...DEFAULT_RULES[0]!, ...over });
  it('accepts the defaults and a product rule on a product metric', () => {
    expect(rulesProblem(DEFAULT_RULES)).toBeNull();
    expect(rulesProblem([r({ id: 'x', metric: 'clickRate', productId: 'p1' })])).toBeNull();
  });
  it('refuses duplicate ids, a productId on a room metric, and a drop condition on stock', () => {
    expect(rulesProblem([r({}), r({})])?.code).toBe('duplicate_rule_id');
    expect(rulesProblem([r({ productId: 'p1' })])?.code).toBe('rule_not_per_product');
    expect(rulesProblem([r({ metric: 'stock' })])?.code).toBe('invalid_condition');
  });
});
