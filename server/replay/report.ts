// The 复盘 report of one session, in the order the industry's review method teaches: 粉丝, 互动, 点击, 转化,
// products and explain segments, the alert audit, the comparison with the previous session (环比) and the minute
// charts with their markers. A measure the source never gave is null ("—"), never 0.
import { pctChange } from '../../shared/metrics/ratio.ts';
import type { RoomState } from '../../shared/state.ts';
import { ledgerSummary, sessionLedger } from '../effects/session-ledger.ts';
import type { Services } from '../services.ts';
import { alertAudit, readJournal } from './alert-audit.ts';
import { minuteSeries } from './minute-series.ts';
import { explainSegments } from './segments.ts';
import { listSessions, type SessionInfo } from './sessions.ts';
import { weekdayComparison } from './weekday-compare.ts';

/** Typical stage rates (DOMAIN.md): a stage far below its range is the one to work on. */
const TYPICAL = { click: [0.05, 0.2], clickToOrder: [0.05, 0.2], orderToPaid: [0.6, 0.9] } as const;

/** The session's last state: the live engine's for the room's current session, else the stored one. */
async function finalState(services: Services, s: SessionInfo): Promise<RoomState | null> {
  const now = services.liveSessions(s.roomId);
  if (now && now.start === s.start) return now.state;
  const row = await services.reader.screenAt(s.roomId, s.end + 999);
  return row ? (JSON.parse(row.body) as RoomState) : null;
}

function figures(st: RoomState | null) {
  if (!st) return null;
  const c = st.hasCommerce;
  const r = st.funnel.rates;
  return {
    cumulativeViewers: st.onlineFromEvents ? st.cumulativeViewers : null,
    peakOnline: st.peakOnline,
    avgWatchSeconds: st.avgWatchSeconds,
    newFollowers: st.follows,
    followRate: st.followRate,
    comments: st.comments,
    commentUsers: st.commentUsers,
    interactionRate: st.interactionRate,
    productExposureUsers: c ? st.funnel.stages.productExposure : null,
    clickUsers: c ? st.funnel.stages.productClick : null,
    clickRate: c ? r.click : null,
    clickToOrder: c ? r.clickToOrder : null,
    orderToPaid: c ? r.orderToPaid : null,
    conversion: c ? r.conversion : null,
    gmv: c ? st.gmv : null,
    paid: c ? st.paid : null,
    uvValue: c ? st.uvValue : null,
    gpm: c ? st.gpm : null,
  };
}
type Figures = NonNullable<ReturnType<typeof figures>>;

function compare(now: Figures, prev: Figures | null) {
  const rows = (Object.keys(now) as (keyof Figures)[]).map((metric) => ({
    metric,
    now: now[metric],
    prev: prev ? prev[metric] : null,
    pct: prev ? pctChange(now[metric], prev[metric]) : null,
  }));
  const largest = rows
    .filter((x) => x.pct !== null)
    .sort((a, b) => Math.abs(b.pct!) - Math.abs(a.pct!))
    .slice(0, 3)
    .map((x) => x.metric);
  return { previousSession: prev !== null, rows, largestChanges: largest };
}

function weakestStage(f: Figures) {
  const stages = (['click', 'clickToOrder', 'orderToPaid'] as const)
    .map((stage) => {
      const rate = f[stage === 'click' ? 'clickRate' : stage];
      return rate === null ? null : { stage, rate, typical: TYPICAL[stage], score: rate / TYPICAL[stage][0] };
    })
    .filter((x) => x !== null);
  if (stages.length === 0) return null;
  const w = stages.sort((a, b) => a.score - b.score)[0]!;
  return { stage: w.stage, rate: w.rate, typical: w.typical, belowTypical: w.rate < w.typical[0] };
}

export async function buildReport(services: Services, session: SessionInfo) {
  const { reader, journal: journalStore, storage } = services;
  const sessions = await listSessions(storage.replay, reader, session.roomId, services.liveSessions);
  const prevSession = sessions.filter((x) => x.start < session.start).pop() ?? null;
  const st = await finalState(services, session);
  const now = figures(st);
  const prev = prevSession ? figures(await finalState(services, prevSession)) : null;
  const journal = await readJournal(journalStore, session.roomId, session.start, session.end);
  const segments = await explainSegments(storage.replay, session.roomId, session.start, session.end);
  const minutes = await minuteSeries(reader, session.roomId, session.start, session.end);
  const ledger = await sessionLedger(services, session, journal.cues);
  return {
    session,
    hasCommerce: st?.hasCommerce ?? false,
    fans: now && { newFollowers: now.newFollowers, followRate: now.followRate },
    interaction: now && {
      comments: now.comments,
      commentUsers: now.commentUsers,
      interactionRate: now.interactionRate,
      hotWords: st?.hotWords.session ?? [],
      risingWords: (st?.hotWords['5m'] ?? []).filter((w) => w.rising),
    },
    audience: now && {
      cumulativeViewers: now.cumulativeViewers,
      peakOnline: now.peakOnline,
      avgWatchSeconds: now.avgWatchSeconds,
    },
    clicks: now && {
      productExposureUsers: now.productExposureUsers,
      clickUsers: now.clickUsers,
      clickRate: now.clickRate,
    },
    conversion: now && {
      clickToOrder: now.clickToOrder,
      orderToPaid: now.orderToPaid,
      conversion: now.conversion,
      gmv: now.gmv,
      paid: now.paid,
      uvValue: now.uvValue,
      gpm: now.gpm,
    },
    products: st?.hasCommerce ? st.products : [],
    explainSegments: segments,
    alertAudit: alertAudit(journal),
    /** Full records, so the replay can show the alert panel and each cue's status as they were at any moment. */
    alerts: journal.alerts,
    cues: journal.cues,
    /** The session's questions (from its last state): figures by topic and product, and the top unanswered. */
    questions: {
      stats: st?.questionStats ?? null,
      topUnanswered: (st?.questions ?? []).filter((q) => q.status === 'open' || q.status === 'cued'),
    },
    /** What each action moved (server/effects), and each kind of action pooled over the room's recent sessions. */
    ledger,
    ledgerSummary: await ledgerSummary(services, sessions, session, ledger),
    comparison: now ? compare(now, prev) : null,
    /** Against the median of the same weekday's earlier sessions (weekday-compare.ts). */
    weekday: now
      ? await weekdayComparison(sessions, session, now, async (s) => figures(await finalState(services, s)))
      : null,
    weakestStage: now ? weakestStage(now) : null,
    minutes,
    markers: [
      ...largestDips(minutes),
      ...journal.alerts
        .filter((e) => e.type === 'raised')
        .map((e) => ({
          kind: 'alert' as const,
          ts: e.alert.firedAt ?? e.alert.activeAt,
          label: e.alert.name,
          severity: e.alert.severity,
        })),
      ...journal.cues.map((c) => ({ kind: 'cue' as const, ts: c.sentAt, label: c.text, acked: c.ackedAt !== null })),
      ...segments.map((g) => ({ kind: 'explain' as const, ts: g.start, end: g.end, label: g.productId })),
    ].sort((a, b) => a.ts - b.ts),
  };
}

export type Report = Awaited<ReturnType<typeof buildReport>>;

/** The three minutes where online viewers fell most against the minute before. */
function largestDips(minutes: Awaited<ReturnType<typeof minuteSeries>>) {
  const drops: { ts: number; drop: number }[] = [];
  for (let i = 1; i < minutes.length; i++) {
    const a = minutes[i - 1]!.online;
    const b = minutes[i]!.online;
    if (a !== null && b !== null && a > 0 && b < a) drops.push({ ts: minutes[i]!.minute, drop: (a - b) / a });
  }
  return drops
    .sort((x, y) => y.drop - x.drop)
    .slice(0, 3)
    .map((d) => ({ kind: 'dip' as const, ts: d.ts, label: `-${Math.round(d.drop * 100)}%` }));
}
