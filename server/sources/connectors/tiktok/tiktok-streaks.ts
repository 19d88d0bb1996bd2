// TikTok gift streaks: a streakable gift (type 1) is re-sent at every step of the streak with the running
// repeatCount and `repeatEnd` on the last. The end sometimes never arrives (TikTok-Live-Connector#29), so a
// streak also closes after STREAK_TIMEOUT_MS of event time without a step. Either way each unit is counted
// once: a late end or a step after a timed-out close adds only the units not yet counted.
import type { LiveEvent } from '../../../../shared/events.ts';
import { withOptional } from '../map-helpers.ts';

/** A streak with no step for this long (event time) is over; TikTok's client shows a combo for about 3 s. */
export const STREAK_TIMEOUT_MS = 10_000;
/** How long a timed-out streak is remembered, so its late steps or end are not counted again. */
const CLOSED_KEEP_MS = 60_000;
/** Open streaks kept at most (a flood of never-ending streaks closes the oldest first). */
const MAX_OPEN = 10_000;

export interface GiftStep {
  /** The sender, the gift and its group: one streak. */
  key: string;
  repeat: number;
  end: boolean;
  valuePerUnit: number;
  name: string | null;
  userId: string | null;
  nickname: string | null;
  id: string | null;
}

interface Open extends GiftStep {
  lastTs: number;
  /** Units of this streak already counted (by an earlier close). */
  counted: number;
}

export class StreakTracker {
  private readonly open = new Map<string, Open>();
  private readonly closed = new Map<string, { ts: number; counted: number }>();

  /** One step of a streak at event time `ts`; returns the gifts this closes (expired ones included). */
  step(s: GiftStep, ts: number): LiveEvent[] {
    const out = this.expire(ts);
    const prev = this.open.get(s.key);
    // Only a timed-out streak can have late steps; after its own end, the next step starts a new streak.
    const counted = prev?.counted ?? this.closed.get(s.key)?.counted ?? 0;
    const repeat = Math.max(s.repeat, prev?.repeat ?? 0);
    if (repeat <= counted && !prev) return out; // a late step or end of a streak already counted
    const cur: Open = { ...s, repeat, lastTs: ts, counted };
    this.open.delete(s.key); // re-inserted last: the map stays in order of last step
    if (s.end) out.push(...this.close(cur, ts));
    else {
      this.open.set(s.key, cur);
      if (this.open.size > MAX_OPEN) {
        const [, oldest] = this.open.entries().next().value as [string, Open];
        this.open.delete(oldest.key);
        out.push(...this.close(oldest, ts));
      }
    }
    return out;
  }

  /** Closes the streaks silent for STREAK_TIMEOUT_MS at event time `ts` (also called by the source's timer). */
  expire(ts: number): LiveEvent[] {
    const out: LiveEvent[] = [];
    for (const o of this.open.values()) {
      if (ts - o.lastTs < STREAK_TIMEOUT_MS) break; // in order of last step: the rest are newer
      this.open.delete(o.key);
      out.push(...this.close(o, ts));
    }
    for (const [key, c] of this.closed) {
      if (ts - c.ts < CLOSED_KEEP_MS) break;
      this.closed.delete(key);
    }
    return out;
  }

  /** Closes every open streak at `ts` (the stream ended): each counted with the units it reached. */
  closeAll(ts: number): LiveEvent[] {
    const out: LiveEvent[] = [];
    for (const o of [...this.open.values()]) {
      this.open.delete(o.key);
      out.push(...this.close(o, ts));
    }
    return out;
  }

  private close(o: Open, ts: number): LiveEvent[] {
    const units = o.repeat - o.counted;
    this.closed.delete(o.key);
    if (!o.end) this.closed.set(o.key, { ts, counted: o.repeat });
    if (units <= 0) return [];
    const value = Math.round(o.valuePerUnit * units * 100) / 100;
    // A second part of a streak (after a timed-out close) is its own event: its id must differ.
    const id = o.id && o.counted > 0 ? `${o.id}-${o.repeat}` : o.id;
    return [
      withOptional(
        { type: 'gift' as const, ts, value },
        { userId: o.userId, nickname: o.nickname, name: o.name, id: id ? id.slice(0, 128) : null },
      ),
    ];
  }
}
