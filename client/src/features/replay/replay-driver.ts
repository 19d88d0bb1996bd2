// In replay the driver, not the socket bridge, is the one writer into the stores: it puts the room as it was
// at moment t — the stored screen state, the alerts firing then, each cue's status then — so the very same
// widgets show the past.
import type { Alert } from '../../../../shared/alerts.ts';
import type { Cue } from '../../../../shared/cues.ts';
import type { RoomState } from '../../../../shared/state.ts';
import { api } from '../../lib/api.ts';
import { applyAlerts } from '../../stores/alerts-store.ts';
import { useConnectionStore } from '../../stores/connection-store.ts';
import { applyCues } from '../../stores/cues-store.ts';
import { useRoomStore } from '../../stores/room-store.ts';
import { seedOnline } from '../../stores/series-store.ts';
import type { Report } from './replay-types.ts';

export function alertsAt(report: Report, t: number): Alert[] {
  const resolved = new Map(
    report.alerts.filter((e) => e.type === 'resolved').map((e) => [e.alert.id, e.alert.resolvedAt ?? 0]),
  );
  return report.alerts
    .filter((e) => e.type === 'raised' && (e.alert.firedAt ?? e.alert.activeAt) <= t)
    .map((e) => e.alert)
    .filter((a) => (resolved.get(a.id) ?? Number.POSITIVE_INFINITY) > t);
}

/** A cue as it stood at t: later steps of its life are not known yet. */
export function cueAt(c: Cue, t: number): Cue | null {
  if (c.sentAt > t) return null;
  const at = (v: number | null) => (v !== null && v <= t ? v : null);
  const cue: Cue = {
    ...c,
    deliveredAt: at(c.deliveredAt),
    shownAt: at(c.shownAt),
    ackedAt: at(c.ackedAt),
    cancelledAt: at(c.cancelledAt),
    expiredAt: at(c.expiredAt),
    escalatedAt: at(c.escalatedAt),
  };
  cue.status = cue.ackedAt
    ? 'acked'
    : cue.cancelledAt
      ? 'cancelled'
      : cue.expiredAt
        ? 'expired'
        : cue.shownAt
          ? 'shown'
          : 'pending';
  return cue;
}

export class ReplayDriver {
  private inFlight: AbortController | null = null;
  private wanted: number | null = null;

  constructor(
    private readonly sid: string,
    private readonly seat: string,
    private readonly report: Report,
  ) {}

  /** Show moment t. Only the latest request counts: a fast scrub does not queue up old states. */
  async seek(t: number): Promise<void> {
    this.wanted = t;
    this.inFlight?.abort();
    const ctrl = new AbortController();
    this.inFlight = ctrl;
    try {
      const state = await api<RoomState>(`/api/sessions/${encodeURIComponent(this.sid)}/state?at=${Math.round(t)}`, {
        seat: this.seat,
        signal: ctrl.signal,
      });
      if (this.wanted !== t) return;
      useRoomStore.setState({ state });
      seedOnline(
        this.report.minutes
          .filter((m) => m.minute <= t && m.online !== null)
          .slice(-30)
          .map((m) => [m.minute, m.online!] as [number, number]),
      );
      applyAlerts(alertsAt(this.report, t));
      applyCues(this.report.cues.map((c) => cueAt(c, t)).filter((c): c is Cue => c !== null));
    } catch {
      // Aborted by a newer seek.
    }
  }
}

/** A replay has no live link: the status says 复盘 and the screen shows what a viewer sees. */
export function enterReplay(): void {
  useConnectionStore.setState({ status: 'replay' });
  useRoomStore.setState({ seat: 'viewer' });
}
