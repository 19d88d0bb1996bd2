// The online rule's two speeds on hand-made audiences: viewers arrive (Poisson) and stay (exponential, mean 55 s),
// seeded. In a 150-viewer room, arrivals sinking by 35 % over three minutes are told within five minutes by the
// slow reference (the fast one follows such a slide); the same room without the fall stays silent for four
// hours (at the rates' threshold, H_LLR, a steady 60-viewer room drew a false walk-out in four hours).
import { describe, expect, it } from 'vitest';
import { AlertEvaluator, type AlertEvent } from '../../../server/alerts/alert-evaluator.ts';
import type { AlertInput } from '../../../server/alerts/alert-input.ts';
import { DEFAULT_RULES } from '../../../server/alerts/default-rules.ts';
import { Rng } from '../../../server/sources/simulator/rng.ts';
import type { LiveEvent } from '../../../shared/events.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const STAY_S = 55;
const rules = DEFAULT_RULES.filter((r) => r.id === 'online-drop');

function input(ts: number, online: number): AlertInput {
  return {
    ts,
    sourceDown: false,
    online,
    avgWatchSeconds: 60,
    entriesPerMin: 0,
    commentsPerMin: 0,
    commentersPerMin: 0,
    negativePerMin: 0,
    explaining: null,
    counts: { exposures: 0, clicks: 0, orders: 0, paidOrders: 0, roomOrders: 0, entries: 0 },
    explainedStock: null,
    stockOf: () => null,
  };
}

/** `rate(s)`: arrivals per second at second s; a comment a second keeps the feed visibly alive. */
function run(seconds: number, rate: (s: number) => number): { s: number; e: AlertEvent }[] {
  const rng = new Rng(11);
  const ev = new AlertEvaluator(rules, {}, 'sequential');
  const leaving: { ts: number; id: string }[] = [];
  const out: { s: number; e: AlertEvent }[] = [];
  let online = 0;
  let user = 0;
  for (let s = 0; s < seconds; s++) {
    const t = T0 + s * 1000;
    const now: LiveEvent[] = [{ type: 'comment', ts: t, userId: 'host-fan', text: '扣1' } as LiveEvent];
    for (let n = rng.poisson(rate(s)); n > 0; n--) {
      const id = `u${user++}`;
      const ts = t + rng.int(1000);
      now.push({ type: 'viewer_enter', ts, userId: id });
      leaving.push({ ts: ts + 1000 + Math.round(rng.exp(STAY_S * 1000)), id });
    }
    leaving.sort((a, b) => a.ts - b.ts);
    while (leaving.length > 0 && leaving[0]!.ts < t + 1000) {
      const v = leaving.shift()!;
      now.push({ type: 'viewer_leave', ts: Math.max(t, v.ts), userId: v.id });
    }
    now.sort((a, b) => a.ts - b.ts);
    for (const e of now) {
      ev.observe(e);
      if (e.type === 'viewer_enter') online++;
      if (e.type === 'viewer_leave') online--;
    }
    for (const e of ev.evaluate(input(t + 999, online))) out.push({ s, e });
  }
  return out;
}

const ROOM = 150 / STAY_S;

describe('online drop at two speeds', () => {
  it('tells arrivals sliding by 35 % over three minutes in a 150-viewer room within five minutes', () => {
    const start = 1800;
    const slide = (s: number) => (s < start ? 1 : 1 - 0.35 * Math.min(1, (s - start) / 180));
    const raised = run(start + 600, (s) => ROOM * slide(s)).filter((x) => x.e.type === 'raised');
    expect(raised.length).toBeGreaterThan(0);
    expect(raised[0]!.s).toBeGreaterThanOrEqual(start);
    expect(raised[0]!.s).toBeLessThan(start + 300);
    expect(raised[0]!.e.alert.evidence).toMatchObject({ kind: 'entries', metric: 'online' });
  });

  it('stays silent for four hours of a steady 150-viewer room', () => {
    expect(run(4 * 3600, () => ROOM)).toEqual([]);
  }, 120_000);
});
