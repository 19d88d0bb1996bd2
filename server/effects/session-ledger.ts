// The effect ledger of a stored session: its minutes from the stored states at each minute's end (gauges, and
// per-product flows as differences of the running counts), its actions from the store (marked actions,
// explanations started), the journal (cues the host acknowledged) and the minutes (price changes).
import type { Cue } from '../../shared/cues.ts';
import type { LedgerRow, LedgerSummary } from '../../shared/effects.ts';
import type { MarkedAction } from '../../shared/events.ts';
import type { SessionInfo } from '../../shared/replay.ts';
import type { RoomState } from '../../shared/state.ts';
import { readJournal } from '../replay/alert-audit.ts';
import type { Services } from '../services.ts';
import type { TimelineReader } from '../storage/ports.ts';
import { type ActionInput, ledgerRows, type MinuteData, priceChanges, summarise } from './ledger.ts';

/** How many of the room's sessions (the latest, up to the report's) the summary pools. */
export const SUMMARY_SESSIONS = 10;

export async function sessionMinutes(
  reader: TimelineReader,
  roomId: string,
  start: number,
  end: number,
): Promise<MinuteData[]> {
  const starts: number[] = [];
  for (let m = Math.floor(start / 60_000) * 60_000; m <= end; m += 60_000) starts.push(m);
  const rows = await Promise.all(starts.map((m) => reader.screenAt(roomId, Math.min(m + 59_999, end + 999))));
  const out: MinuteData[] = [];
  let prev = new Map<string, RoomState['products'][number]>();
  for (const [i, minute] of starts.entries()) {
    const s = rows[i] ? (JSON.parse(rows[i]!.body) as RoomState) : null;
    const products: MinuteData['products'] = {};
    for (const p of s?.products ?? []) {
      const b = prev.get(p.id);
      products[p.id] = {
        exposures: p.exposureUsers - (b?.exposureUsers ?? 0),
        clicks: p.clickUsers - (b?.clickUsers ?? 0),
        orders: p.orderUsers - (b?.orderUsers ?? 0),
        gmv: p.gmv - (b?.gmv ?? 0),
        price: p.price,
      };
    }
    if (s) prev = new Map(s.products.map((p) => [p.id, p]));
    out.push({
      minute,
      online: s ? s.online : null,
      entries: s?.onlineFromEvents ? s.entriesPerMin : null,
      explaining: s?.explaining ?? null,
      products,
    });
  }
  return out;
}

export async function sessionLedger(services: Services, s: SessionInfo, cues?: Cue[]): Promise<LedgerRow[]> {
  const { storage, reader } = services;
  const [minutes, marks, explains, journalCues] = await Promise.all([
    sessionMinutes(reader, s.roomId, s.start, s.end),
    storage.replay.actionMarks(s.roomId, s.start, s.end),
    storage.replay.explainMarks(s.roomId, s.start, s.end),
    cues ?? readJournal(services.journal, s.roomId, s.start, s.end).then((j) => j.cues),
  ]);
  const actions: ActionInput[] = [
    ...marks.map((m) => ({ ts: m.ts, kind: m.action as MarkedAction, productId: m.productId, note: m.note })),
    ...explains
      .filter((e) => e.type === 'explain_start')
      .map((e) => ({ ts: e.ts, kind: 'explain' as const, productId: e.productId, note: null })),
    ...journalCues
      .filter((c) => c.ackedAt !== null)
      .map((c) => ({ ts: c.ackedAt!, kind: 'cue' as const, productId: c.productId, note: c.text.slice(0, 40) })),
    ...priceChanges(minutes),
  ].sort((a, b) => a.ts - b.ts);
  return ledgerRows(minutes, actions);
}

/** The pooled summary over the room's latest sessions up to and including this one. */
export async function ledgerSummary(
  services: Services,
  sessions: SessionInfo[],
  current: SessionInfo,
  currentRows: LedgerRow[],
): Promise<LedgerSummary[]> {
  const earlier = sessions.filter((x) => x.start < current.start).slice(-(SUMMARY_SESSIONS - 1));
  const rows = await Promise.all(earlier.map((x) => sessionLedger(services, x)));
  return summarise([...rows, currentRows]);
}
