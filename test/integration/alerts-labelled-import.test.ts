// A realistic labelled stream nobody tuned on, tried as a new user would: a fresh room with the default rules,
// the stream imported over HTTP at once (POST /api/rooms/:id/import?format=ndjson&speed=0), the alerts read
// from the session's report and scored against the stream's labels: its dip is told in time, with its
// evidence, and no dip rule fires away from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planStream } from '../../server/sources/simulator/families.ts';
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

function stream(): { ndjson: string; start: number; end: number } {
  // A room's first stream, 600 online, orders lagging clicks; arrivals fall by 45 % for 6 minutes.
  const plan = planStream(20_260_105, {
    family: 'new-room',
    peakOnline: 600,
    kind: 'arrivals',
    depth: 0.45,
    durationMin: 25,
  });
  expect(plan.previous).toBeNull();
  const { durationMs, ...live } = plan.options;
  const end = live.startTs + durationMs!;
  const events: LiveEvent[] = createSimulator(live).advance(end);
  events.push({ type: 'session_end', ts: end });
  const label = plan.labels[0]!;
  return { ndjson: events.map((e) => JSON.stringify(e)).join('\n'), start: label.startTs, end: label.endTs };
}

describe('a labelled realistic stream imported over HTTP', () => {
  it('tells its dip within a minute, with evidence, and raises no dip alert elsewhere', async () => {
    const { ndjson, start, end } = stream();
    const room = await createRoom(s);
    const auth = { authorization: `Bearer ${room.tokens.ingest}` };
    const res = await fetch(`${s.url}/api/rooms/${room.id}/import?format=ndjson&speed=0`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-ndjson' },
      body: ndjson,
    });
    expect(res.status).toBe(200);
    const get = async (url: string) =>
      (await fetch(`${s.url}${url}`, { headers: { authorization: `Bearer ${room.tokens.viewer}` } })).json();
    const sessions = (await get(`/api/rooms/${room.id}/sessions`)) as { id: string }[];
    expect(sessions).toHaveLength(1);
    const report = (await get(`/api/sessions/${sessions[0]!.id}/report`)) as { alertAudit: AlertAuditRow[] };
    const dipAlerts = report.alertAudit.filter((a) => a.ruleId !== undefined && DIP_RULES.has(a.ruleId));
    const hit = dipAlerts.find((a) => a.ruleId === 'online-drop' && a.firedAt >= start && a.firedAt <= end + 2 * MIN);
    expect(hit, JSON.stringify(report.alertAudit)).toBeDefined();
    expect(hit!.firedAt - start).toBeLessThan(60_000);
    expect(hit!.evidence?.kind).toBe('entries');
    const elsewhere = dipAlerts.filter((a) => a.firedAt < start || a.firedAt > end + 5 * MIN);
    expect(elsewhere).toEqual([]);
  });
});
