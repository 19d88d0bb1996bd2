// A room's cues and their life: sent → delivered to a host screen → shown → acknowledged, or cancelled by
// the sender, or expired. Urgent cues jump the queue and escalate when not acknowledged in time. Pure: the
// caller passes the time.

import type { AlertEvidence } from '../../shared/alert-evidence.ts';
import { MAX_CUES_KEPT_PER_ROOM, MAX_OPEN_CUES_PER_ROOM, RECENT_CUES_IN_SNAPSHOT } from '../../shared/constants.ts';
import type { Cue, CuePush } from '../../shared/cues.ts';

/** An urgent cue not acknowledged within this escalates (repeats on the prompter, warns the controller). */
export const ESCALATE_AFTER_MS = 20_000;
/** A cue nobody acknowledged is stale after this; one with a countdown expires when it runs out. */
export const CUE_TTL_MS = 10 * 60_000;

export class CueBook {
  private readonly cues = new Map<string, Cue>();
  private seq = 0;

  /** `evidenceOf`: the evidence of one of the room's alerts, so a forwarded alert's cue carries it (looked up
   * here, never taken from the sender). */
  constructor(
    private readonly roomId: string,
    private readonly evidenceOf: (alertId: string) => AlertEvidence | undefined = () => undefined,
  ) {}

  /** Whether another cue may be sent: a prompter cannot show more, and every snapshot carries them all. */
  full(): boolean {
    let open = 0;
    for (const c of this.cues.values()) if (isOpen(c)) open++;
    return open >= MAX_OPEN_CUES_PER_ROOM;
  }

  push(input: CuePush, text: string, from: string, ts: number): Cue {
    const evidence = input.alertId === undefined ? undefined : this.evidenceOf(input.alertId);
    const cue: Cue = {
      id: `c-${this.roomId}-${ts}-${++this.seq}`,
      text,
      priority: input.priority,
      countdownSeconds: input.countdownSeconds ?? null,
      productId: input.productId ?? null,
      alertId: input.alertId ?? null,
      from,
      status: 'pending',
      sentAt: ts,
      deliveredAt: null,
      shownAt: null,
      ackedAt: null,
      cancelledAt: null,
      expiredAt: null,
      escalatedAt: null,
      ...(evidence ? { evidence } : {}),
    };
    this.cues.set(cue.id, cue);
    this.forgetOverCap();
    return cue;
  }

  /** Memory stays bounded whatever the send rate: the oldest closed cues leave first (the journal keeps them). */
  private forgetOverCap(): void {
    if (this.cues.size <= MAX_CUES_KEPT_PER_ROOM) return;
    for (const [id, c] of this.cues) {
      if (this.cues.size <= MAX_CUES_KEPT_PER_ROOM) return;
      if (!isOpen(c)) this.cues.delete(id);
    }
  }

  checkpoint(): { cues: Cue[]; seq: number } {
    return { cues: [...this.cues.values()], seq: this.seq };
  }

  restore(s: { cues: Cue[]; seq: number }): void {
    this.cues.clear();
    for (const c of s.cues) this.cues.set(c.id, c);
    this.seq = s.seq;
  }

  get(id: string): Cue | null {
    return this.cues.get(id) ?? null;
  }

  /** Open cues in the order the host should see them: urgent first, then oldest first. */
  open(): Cue[] {
    return [...this.cues.values()]
      .filter((c) => c.status === 'pending' || c.status === 'shown')
      .sort((a, b) => (a.priority === b.priority ? a.sentAt - b.sentAt : a.priority === 'urgent' ? -1 : 1));
  }

  /** Recent cues of any status, newest first, for senders' lists. */
  recent(limit = RECENT_CUES_IN_SNAPSHOT): Cue[] {
    return [...this.cues.values()].sort((a, b) => b.sentAt - a.sentAt).slice(0, limit);
  }

  seen(id: string, phase: 'delivered' | 'shown', ts: number): Cue | null {
    return this.change(id, (c) => {
      if (c.status !== 'pending' && c.status !== 'shown') return null;
      if (phase === 'delivered') return c.deliveredAt ? null : { ...c, deliveredAt: ts };
      return c.shownAt ? null : { ...c, deliveredAt: c.deliveredAt ?? ts, shownAt: ts, status: 'shown' };
    });
  }

  ack(id: string, ts: number): Cue | null {
    return this.change(id, (c) => (isOpen(c) ? { ...c, status: 'acked', ackedAt: ts } : null));
  }

  cancel(id: string, ts: number): Cue | null {
    return this.change(id, (c) => (isOpen(c) ? { ...c, status: 'cancelled', cancelledAt: ts } : null));
  }

  /** Escalations and expiries due at `ts`. */
  tick(ts: number): Cue[] {
    const changed: Cue[] = [];
    for (const c of this.open()) {
      // The countdown runs from the moment the host first saw the cue, not from sending: a queued cue would
      // otherwise reach the prompter with its time mostly gone.
      const countdownEnd = countdownEndOf(c);
      let next: Cue | null = null;
      if ((countdownEnd !== null && ts >= countdownEnd) || ts - c.sentAt >= CUE_TTL_MS)
        next = { ...c, status: 'expired', expiredAt: ts };
      else if (c.priority === 'urgent' && !c.escalatedAt && ts - c.sentAt >= ESCALATE_AFTER_MS)
        next = { ...c, escalatedAt: ts };
      if (next) {
        this.cues.set(c.id, next);
        changed.push(next);
      }
    }
    this.forgetOld(ts);
    return changed;
  }

  private change(id: string, f: (c: Cue) => Cue | null): Cue | null {
    const c = this.cues.get(id);
    if (!c) return null;
    const next = f(c);
    if (next) this.cues.set(id, next);
    return next;
  }

  /** Closed cues older than an hour leave memory (they stay in the journal). */
  private forgetOld(ts: number): void {
    for (const [id, c] of this.cues) if (!isOpen(c) && ts - c.sentAt > 3_600_000) this.cues.delete(id);
  }
}

/** When a cue's countdown runs out: from when it was first shown; null before that or without a countdown. */
export function countdownEndOf(c: Cue): number | null {
  return c.countdownSeconds === null || c.shownAt === null ? null : c.shownAt + c.countdownSeconds * 1000;
}

const isOpen = (c: Cue) => c.status === 'pending' || c.status === 'shown';
