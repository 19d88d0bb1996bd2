// A platform-shaped recording (online as a gauge, a share of entries, no departures, no card exposures, clicks
// without viewer ids, orders under the shop's buyer ids, per-minute product counters) with a click→order fall
// that spans a product switch, imported over HTTP as a new user would: the fall is told with its evidence (the
// estimated fall stated), the session's report shows it, and no dip rule fires away from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planStream, spansSwitch } from '../../server/sources/simulator/families.ts';
import { createSimulator } from '../../server/sources/simulator/simulator.ts';
import type { LiveEvent } from '../../shared/events.ts';
import type { AlertAuditRow } from '../../shared/replay.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
});
afterAll(() => s.close());

const MIN = 60_000;
const DIP_RULES = new Set(['online-drop', 'click-rate-drop', 'order-rate-drop', 'pay-rate-drop', 'watch-drop']);

function stream() {
  const plan = planStream(20_261_704, {
    family: 'platform',
    peakOnline: 1500,
    kind: 'clickToOrder',
    depth: 0.7,
    durationMin: 30,
    pace: { segmentMs: [90_000, 240_000], gapMs: [10_000, 30_000] },
    placement: 'switch',
    repeat: false,
    delays: 'bimodal',
    dipMin: [6, 6],
  });
  const { durationMs, ...live } = plan.options;
  const end = live.startTs + durationMs!;
  const events: LiveEvent[] = createSimulator(live).advance(end);
  events.push({ type: 'session_end', ts: end });
  return { plan, events, label: plan.labels[0]! };
}

describe('a platform-shaped recording imported over HTTP', () => {
  it('tells a click→order fall that spans a product switch, with evidence, in the session report', async () => {
    const { events, label } = stream();
    expect(spansSwitch(label, events)).toBe(true);
    expect(events.some((e) => e.type === 'viewer_leave' || e.type === 'product_exposure')).toBe(false);
    expect(events.some((e) => e.type === 'counters')).toBe(true);
    const room = await createRoom(s);
    const res = await fetch(`${s.url}/api/rooms/${room.id}/import?format=ndjson&speed=0`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.tokens.ingest}`, 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(res.status).toBe(200);
    const get = async (url: string) =>
      (await fetch(`${s.url}${url}`, { headers: { authorization: `Bearer ${room.tokens.viewer}` } })).json();
    const sessions = (await get(`/api/rooms/${room.id}/sessions`)) as { id: string }[];
    const report = (await get(`/api/sessions/${sessions[0]!.id}/report`)) as {
      alertAudit: AlertAuditRow[];
      explainSegments: { productId: string; exposures: number; clicks: number; start: number; end: number }[];
    };
    // The report's 讲解 segments count card exposures and clicks from the counters (the feed sends none / a sample).
    const seg = report.explainSegments.find((x) => x.start <= label.startTs && x.end > label.startTs)!;
    const counted = (f: 'cardExposures' | 'clicks') =>
      events.reduce(
        (a, e) =>
          e.type === 'counters' && e.productId === seg.productId && e.ts >= seg.start && e.ts <= seg.end
            ? a + (e[f] ?? 0)
            : a,
        0,
      );
    expect(seg.exposures).toBe(counted('cardExposures'));
    expect(seg.clicks).toBe(counted('clicks'));
    expect(seg.exposures).toBeGreaterThan(0);
    const dipAlerts = report.alertAudit.filter((a) => a.ruleId !== undefined && DIP_RULES.has(a.ruleId));
    const hit = dipAlerts.find(
      (a) => a.ruleId === 'order-rate-drop' && a.firedAt >= label.startTs && a.firedAt <= label.endTs,
    );
    expect(hit, JSON.stringify(report.alertAudit)).toBeDefined();
    expect(hit!.evidence).toMatchObject({ kind: 'rate', metric: 'clickToOrderRate' });
    expect(hit!.evidence!.value).toBeLessThan(hit!.evidence!.usual! * 0.7);
    expect(hit!.evidence!.fall).toBeGreaterThan(0.3);
    const elsewhere = dipAlerts.filter((a) => a.firedAt < label.startTs || a.firedAt > label.endTs + 5 * MIN);
    expect(elsewhere).toEqual([]);
  });
});
