// Fans a room's alert and cue changes out to every registered listener (the journal, the socket broadcaster).
import type { Cue } from '../../shared/cues.ts';
import type { AlertEvent } from '../alerts/alert-evaluator.ts';
import type { JournalStore } from '../storage/ports.ts';
import type { RoomListener } from './room-runtime.ts';

export class RoomListeners implements RoomListener {
  private readonly list: RoomListener[] = [];

  add(l: RoomListener): void {
    this.list.push(l);
  }

  alerts(roomId: string, events: AlertEvent[]): void {
    for (const l of this.list) l.alerts(roomId, events);
  }

  cues(roomId: string, changed: Cue[], isNew = false): void {
    for (const l of this.list) l.cues(roomId, changed, isNew);
  }

  changed(roomId: string): void {
    for (const l of this.list) l.changed?.(roomId);
  }
}

/**
 * Every alert transition and every step of a cue's life goes on the room's timeline. The engine does not wait
 * for these writes (it is synchronous); a failed one is reported, never thrown into the tick.
 */
export function journalListener(
  journal: JournalStore,
  onError: (err: unknown) => void = (err) => console.error('journal append failed', err),
  /** Clustered: this instance's lease token for the room, so a late write after a takeover is refused. */
  fenceOf: (roomId: string) => number | undefined = () => undefined,
): RoomListener {
  const put = (roomId: string, ts: number, kind: 'alert' | 'cue', body: unknown) =>
    void journal.append(roomId, ts, kind, body, fenceOf(roomId)).catch(onError);
  return {
    alerts: (roomId, events) => {
      for (const e of events) put(roomId, e.alert.resolvedAt ?? e.alert.firedAt ?? e.alert.activeAt, 'alert', e);
    },
    cues: (roomId, changed) => {
      for (const c of changed) put(roomId, latestCueTs(c), 'cue', c);
    },
  };
}

export function latestCueTs(c: Cue): number {
  return Math.max(
    c.sentAt,
    c.deliveredAt ?? 0,
    c.shownAt ?? 0,
    c.ackedAt ?? 0,
    c.cancelledAt ?? 0,
    c.expiredAt ?? 0,
    c.escalatedAt ?? 0,
  );
}
