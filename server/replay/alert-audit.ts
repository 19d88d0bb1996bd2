// Alert audit for the review: each alert of the session, whether a cue went to the host and was acknowledged,
// and whether the metric recovered (the alert resolved) within 5 minutes of firing.
import type { Alert } from '../../shared/alerts.ts';
import type { Cue } from '../../shared/cues.ts';
import type { AlertAuditRow } from '../../shared/replay.ts';
import type { JournalStore } from '../storage/ports.ts';

const RECOVERY_MS = 5 * 60_000;

export interface SessionJournal {
  alerts: { type: string; alert: Alert }[];
  cues: Cue[];
}

export async function readJournal(
  journal: JournalStore,
  roomId: string,
  start: number,
  end: number,
): Promise<SessionJournal> {
  const inRange = (ts: number) => ts >= start && ts <= end + RECOVERY_MS;
  const [alertRows, cueRows] = await Promise.all([
    journal.list(roomId, 'alert', 100_000),
    journal.list(roomId, 'cue', 100_000),
  ]);
  const alerts = alertRows.filter((j) => inRange(j.ts)).map((j) => j.body as { type: string; alert: Alert });
  // The latest record of each cue is its whole life so far.
  const cues = new Map<string, Cue>();
  for (const j of cueRows) if (inRange(j.ts)) cues.set((j.body as Cue).id, j.body as Cue);
  return { alerts, cues: [...cues.values()] };
}

export function alertAudit(j: SessionJournal): AlertAuditRow[] {
  const raised = j.alerts.filter((e) => e.type === 'raised').map((e) => e.alert);
  return raised.map((a) => {
    const resolved = j.alerts.find((e) => e.type === 'resolved' && e.alert.id === a.id)?.alert;
    const cues = j.cues.filter((c) => c.alertId === a.id);
    const firedAt = a.firedAt ?? a.activeAt;
    return {
      alertId: a.id,
      ruleId: a.ruleId,
      name: a.name,
      severity: a.severity,
      firedAt,
      resolvedAt: resolved?.resolvedAt ?? null,
      cueSent: cues.length > 0,
      cueAcked: cues.some((c) => c.ackedAt !== null),
      recoveredWithin5Min: resolved?.resolvedAt != null && resolved.resolvedAt - firedAt <= RECOVERY_MS,
      ...(a.evidence ? { evidence: a.evidence } : {}),
    };
  });
}
