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
    commentersPerMin: 40,
    negativePerMin: 0,
    explaining: null,
    counts: { exposures: 0, clicks: 0, orders: 0, paidOrders: 0, roomOrders: 0, entries: 0 },
    explainedStock: null,
    stockOf: () => null,
    ...over,
  };
}

function runSeconds(ev: AlertEvaluator, from: number, to: number, f: (ts: number) => Partial<AlertInput>) {
  const out = [];
  for (let s = from; s < to; s++)
    out.push(...ev.evaluate(input(T0 + s * 1000, f(T0 + s * 1000))).map((e) => ({ s, ...e })));
  return out;
}

// The classic strategy (threshold rules and windowed rates); the sequential one is in sequential.test.ts.
describe('AlertEvaluator (classic strategy)', () => {
  it('raises an online drop after `for`, and resolves after recovery', () => {
    const ev = new AlertEvaluator([rule('online-drop')], {}, 'classic');
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

  it('keeps a lasting drop firing against the baseline it fired on, for up to 15 minutes', () => {
    const ev = new AlertEvaluator([rule('online-drop')], {}, 'classic');
    runSeconds(ev, 0, 600, () => ({ online: 1000 }));
    const events = runSeconds(ev, 600, 1800, () => ({ online: 500 }));
    // Without the freeze the 5-minute baseline would follow the fall and resolve it about 6 minutes in.
    expect(events.map((e) => [e.type, e.s])).toEqual([
      ['raised', 620],
      ['resolved', 1550], // frozen from the fire at 620 s to 1520 s, then 30 s of keep_firing_for
    ]);
    expect(events[0]!.alert.baseline).toBe(1000);
  });

  it('never reads a silent source as a dip: 数据中断 fires, the data rules stay quiet', () => {
    const ev = new AlertEvaluator([rule('online-drop'), rule('source-down')], {}, 'classic');
    runSeconds(ev, 0, 600, () => ({ online: 1000 }));
    const events = runSeconds(ev, 600, 700, () => ({ online: 0, sourceDown: true }));
    expect(events.map((e) => e.alert.ruleId)).toEqual(['source-down']);
  });

  it('does not judge a rate on too few samples, and judges it with enough', () => {
    const r: AlertRule = { ...rule('click-rate-drop'), forSeconds: 0 };
    // Click rate 20 % of exposures for 15 minutes, then 5 %; `perSecond` exposures a second.
    const funnel = (perSecond: number) => (ts: number) => {
      const s = (ts - T0) / 1000;
      const exposures = Math.floor(perSecond * s);
      const clicks = Math.floor(perSecond * (0.2 * Math.min(s, 900) + 0.05 * Math.max(0, s - 900)));
      return { counts: { exposures, clicks, orders: 0, paidOrders: 0, roomOrders: 0, entries: 0 } };
    };
    // Few trials: 0.2 exposures a second is 36 in the 3-minute window, under minSample 100.
    expect(runSeconds(new AlertEvaluator([r], {}, 'classic'), 0, 1200, funnel(0.2))).toEqual([]);
    const fired = runSeconds(new AlertEvaluator([r], {}, 'classic'), 0, 1200, funnel(10));
    expect(fired[0]).toMatchObject({ type: 'raised', alert: { ruleId: 'click-rate-drop' } });
    expect(fired[0]!.s).toBeGreaterThan(900);
    expect(fired[0]!.s).toBeLessThan(1000); // the 3-minute window must be mostly low first
    expect(fired[0]!.alert.baseline).toBeCloseTo(0.2, 2);
  });

  it('compares rates within one explained product: a switch to a weaker product is not a dip', () => {
    const r: AlertRule = { ...rule('click-rate-drop'), forSeconds: 0 };
    // p1 converts at 20 % for 10 minutes, then p2 at 5 % from its first second on.
    const show = (ts: number): Partial<AlertInput> => {
      const s = (ts - T0) / 1000;
      const mine = s < 600 ? s : s - 600;
      const share = s < 600 ? 0.2 : 0.05;
      const counts = {
        exposures: 10 * mine,
        clicks: Math.floor(10 * mine * share),
        orders: 0,
        paidOrders: 0,
        roomOrders: 0,
        entries: 0,
      };
      return { explaining: s < 600 ? 'p1' : 'p2', counts };
    };
    expect(runSeconds(new AlertEvaluator([r], {}, 'classic'), 0, 1500, show)).toEqual([]);
  });

  it('judges a returning product (返场) against its earlier segment, even when the dip starts with it', () => {
    const r: AlertRule = { ...rule('click-rate-drop'), forSeconds: 0 };
    // p1 at 20 % for 5 minutes, p2 for 5, then p1 again but at 5 % from its first second.
    let base = { exposures: 0, clicks: 0 };
    let segStart = 0;
    let scope = '';
    const show = (ts: number): Partial<AlertInput> => {
      const s = (ts - T0) / 1000;
      const p = s < 300 ? 'p1' : s < 600 ? 'p2' : 'p1';
      if (p !== scope) {
        scope = p;
        segStart = s;
        base = p === 'p1' && s >= 600 ? { exposures: 3000, clicks: 600 } : { exposures: 0, clicks: 0 };
      }
      const share = s < 600 ? 0.2 : 0.05;
      const exposures = base.exposures + 10 * (s - segStart);
      const clicks = base.clicks + Math.floor(10 * (s - segStart) * share);
      return { explaining: p, counts: { exposures, clicks, orders: 0, paidOrders: 0, roomOrders: 0, entries: 0 } };
    };
    const events = runSeconds(new AlertEvaluator([r], {}, 'classic'), 0, 800, show);
    expect(events[0]).toMatchObject({ type: 'raised', alert: { ruleId: 'click-rate-drop' } });
    expect(events[0]!.s).toBeGreaterThan(600);
    expect(events[0]!.s).toBeLessThan(680);
    expect(events[0]!.alert.baseline).toBeCloseTo(0.2, 2);
  });

  it("hands a product's history to the room's next session, at half weight", () => {
    const r: AlertRule = { ...rule('click-rate-drop'), forSeconds: 0 };
    const counts = (exposures: number, clicks: number) => ({
      exposures,
      clicks,
      orders: 0,
      paidOrders: 0,
      roomOrders: 0,
      entries: 0,
    });
    // Yesterday: p1 explained for 5 minutes at 20 %.
    const yesterday = new AlertEvaluator([r], {}, 'classic');
    runSeconds(yesterday, 0, 300, (ts) => {
      const s = (ts - T0) / 1000;
      return { explaining: 'p1', counts: counts(10 * s, 2 * s) };
    });
    const priors = yesterday.productPriors();
    expect(priors.get('p1')).toMatchObject({ exposures: 1495, clicks: 299 }); // (299 s × 10, × 2) ÷ 2
    // Today p1 opens at 5 %: judged against yesterday at once, without a minute of its own.
    const today = new AlertEvaluator([r], { counts: priors }, 'classic');
    const events = runSeconds(today, 1000, 1200, (ts) => {
      const s = (ts - T0) / 1000 - 1000;
      return { explaining: 'p1', counts: counts(10 * s, Math.floor(0.5 * s)) };
    });
    expect(events[0]).toMatchObject({ type: 'raised', alert: { ruleId: 'click-rate-drop' } });
    expect(events[0]!.s).toBeLessThan(1070);
  });

  it('fires when a product is explained for 3 minutes without an order, and counts from the last order', () => {
    const ev = new AlertEvaluator([rule('explain-no-orders')], {}, 'classic');
    const counts = (orders: number) => ({ exposures: 0, clicks: 0, orders, paidOrders: 0, roomOrders: 0, entries: 0 });
    const events = runSeconds(ev, 0, 400, (ts) => ({ explaining: 'p1', counts: counts(ts < T0 + 100_000 ? 0 : 1) }));
    expect(events[0]).toMatchObject({ type: 'raised', s: 281 });
  });

  it("judges a product's rule only while that product is explained, and names the product", () => {
    const r: AlertRule = { ...rule('explain-no-orders'), productId: 'p2' };
    const ev = new AlertEvaluator([r], {}, 'classic');
    // p1 explained for 5 minutes without orders: not p2's business.
    expect(runSeconds(ev, 0, 300, () => ({ explaining: 'p1' }))).toEqual([]);
    const events = runSeconds(ev, 300, 600, () => ({ explaining: 'p2' }));
    expect(events[0]).toMatchObject({ type: 'raised', s: 481, alert: { productId: 'p2' } });
    // Without a productId, the alert names the product explained when it began.
    const any = runSeconds(new AlertEvaluator([rule('explain-no-orders')], {}, 'classic'), 0, 200, () => ({
      explaining: 'p1',
    }));
    expect(any[0]!.alert.productId).toBe('p1');
  });

  it("watches stock: the explained product, or the rule's own product at any time", () => {
    const low: AlertRule = {
      ...rule('explain-no-orders'),
      id: 'stock-low',
      metric: 'stock',
      condition: { kind: 'below', value: 20 },
    };
    const left = (ts: number) => Math.max(0, 100 - Math.floor((ts - T0) / 1000));
    const explained = runSeconds(new AlertEvaluator([low], {}, 'classic'), 0, 100, (ts) => ({
      explaining: 'p1',
      explainedStock: left(ts),
    }));
    expect(explained[0]).toMatchObject({ s: 81, alert: { value: 19, productId: 'p1' } });
    const own = runSeconds(new AlertEvaluator([{ ...low, productId: 'p9' }], {}, 'classic'), 0, 100, (ts) => ({
      stockOf: (id: string) => (id === 'p9' ? left(ts) : null),
    }));
    expect(own[0]).toMatchObject({ s: 81, alert: { productId: 'p9' } });
  });

  it('acknowledges and snoozes an open alert', () => {
    const ev = new AlertEvaluator([{ ...rule('negative-surge'), forSeconds: 0 }], {}, 'classic');
    const [raised] = runSeconds(ev, 0, 1, () => ({ negativePerMin: 20 }));
    const acked = ev.ack(raised!.alert.id, 'controller', T0 + 5000);
    expect(acked).toMatchObject({ ackedAt: T0 + 5000, ackedBy: 'controller' });
    expect(ev.snooze(raised!.alert.id, 10, T0 + 6000)?.snoozedUntil).toBe(T0 + 6000 + 600_000);
    expect(ev.ack('nope', 'x', 0)).toBeNull();
  });
});
