import { describe, expect, it } from 'vitest';
import { AlertEvaluator } from '../../../server/alerts/alert-evaluator.ts';
import type { AlertInput } from '../../../server/alerts/alert-input.ts';
import { DEFAULT_RULES } from '../../../server/alerts/default-rules.ts';
import type { AlertRule } from '../../../shared/alerts.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const rule = (id: string) => DEFAULT_RULES.find((r) => r.id === id)!;

function input(ts: number, over: Partial<AlertInput> = {}): AlertInput {
  return {
    ts,
    sourceDown: false,
    online: 1000,
    avgWatchSeconds: 60,
    entriesPerMin: 100,
    commentsPerMin: 50,
    negativePerMin: 0,
    explaining: null,
    explainSince: null,
    orders: 0,
    sum: () => 0,
    ...over,
  };
}

function runSeconds(ev: AlertEvaluator, from: number, to: number, f: (ts: number) => Partial<AlertInput>) {
  const out = [];
  for (let s = from; s < to; s++)
    out.push(...ev.evaluate(input(T0 + s * 1000, f(T0 + s * 1000))).map((e) => ({ s, ...e })));
  return out;
}

describe('AlertEvaluator', () => {
  it('raises an online drop after `for`, and resolves after recovery', () => {
    const ev = new AlertEvaluator([rule('online-drop')]);
    expect(runSeconds(ev, 0, 600, () => ({ online: 1000 }))).toEqual([]);
    const drop = runSeconds(ev, 600, 700, () => ({ online: 500 }));
    expect(drop).toHaveLength(1);
    expect(drop[0]).toMatchObject({
      type: 'raised',
      s: 620,
      alert: { ruleId: 'online-drop', severity: 'critical', value: 500 },
    });
    const back = runSeconds(ev, 700, 800, () => ({ online: 1000 }));
    expect(back[0]).toMatchObject({ type: 'resolved', s: 729 }); // 30 s of keep_firing_for after the last low second (699)
  });

  it('never reads a silent source as a dip: 数据中断 fires, the data rules stay quiet', () => {
    const ev = new AlertEvaluator([rule('online-drop'), rule('source-down')]);
    runSeconds(ev, 0, 600, () => ({ online: 1000 }));
    const events = runSeconds(ev, 600, 700, () => ({ online: 0, sourceDown: true }));
    expect(events.map((e) => e.alert.ruleId)).toEqual(['source-down']);
  });

  it('does not judge a rate on too few samples, and judges it with enough', () => {
    const r: AlertRule = { ...rule('click-rate-drop'), forSeconds: 0 };
    // baseline: 20 % click rate; recent: 5 %. Few trials: 40 exposures in 5 min < minSample 200.
    const few = (ts: number): Partial<AlertInput> => ({
      sum: (field, from) => {
        const recent = from >= ts - 5 * 60_000;
        if (field === 'productExposures') return recent ? 40 : 400;
        if (field === 'clicks') return recent ? 2 : 80;
        return 0;
      },
    });
    expect(runSeconds(new AlertEvaluator([r]), 900, 910, few)).toEqual([]);
    const many = (ts: number): Partial<AlertInput> => ({
      sum: (field, from) => {
        const recent = from >= ts - 5 * 60_000;
        if (field === 'productExposures') return recent ? 1000 : 2000;
        if (field === 'clicks') return recent ? 50 : 400;
        return 0;
      },
    });
    const fired = runSeconds(new AlertEvaluator([r]), 900, 910, many);
    expect(fired[0]).toMatchObject({ type: 'raised', alert: { ruleId: 'click-rate-drop' } });
    expect(fired[0]!.alert.baseline).toBeCloseTo(0.2);
  });

  it('fires when a product is explained for 3 minutes without an order, and counts from the last order', () => {
    const ev = new AlertEvaluator([rule('explain-no-orders')]);
    const events = runSeconds(ev, 0, 400, (ts) => ({ explaining: 'p1', orders: ts < T0 + 100_000 ? 0 : 1 }));
    expect(events[0]).toMatchObject({ type: 'raised', s: 281 });
  });

  it('acknowledges and snoozes an open alert', () => {
    const ev = new AlertEvaluator([{ ...rule('negative-surge'), forSeconds: 0 }]);
    const [raised] = runSeconds(ev, 0, 1, () => ({ negativePerMin: 20 }));
    const acked = ev.ack(raised!.alert.id, 'controller', T0 + 5000);
    expect(acked).toMatchObject({ ackedAt: T0 + 5000, ackedBy: 'controller' });
    expect(ev.snooze(raised!.alert.id, 10, T0 + 6000)?.snoozedUntil).toBe(T0 + 6000 + 600_000);
    expect(ev.ack('nope', 'x', 0)).toBeNull();
  });
});
