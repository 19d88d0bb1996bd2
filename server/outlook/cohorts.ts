// Retention cohorts: the viewers who entered in one minute, and the share of them still watching 1, 3, 5 and
// 10 minutes after they entered. From entries and departures the shares are exact (each viewer's own stay); a
// feed without departures (online counters only) gets an estimate, marked as such: the usual survival of a stay
// times how much of the audience the room kept over those minutes. Pure, event time only.

import { type CohortRow, RETENTION_MINUTES } from '../../shared/outlook/outlook.ts';
import { median } from '../../shared/outlook/quantiles.ts';

const MINUTE_MS = 60_000;

/**
 * Share of stays longer than 1, 3, 5, 10 minutes, used by the estimate when departures are unknown: fitted on the
 * forecast bench's tuning streams (full-event feeds of the simulator's tuning shapes, `npm run bench forecast`).
 */
export const USUAL_SURVIVAL = [0.18, 0.06, 0.029, 0.008] as const;

/** Relative change of the online counter that is noise, not viewers leaving (tuned with USUAL_SURVIVAL). */
const COUNTER_NOISE = 0.1;

interface Cohort {
  minute: number;
  size: number;
  /** Per RETENTION_MINUTES: members whose stay ended within that many minutes. */
  left: number[];
  explaining: string | null;
}

export class CohortTracker {
  private readonly inRoom = new Map<string, { ts: number; c: Cohort }>();
  private readonly cohorts = new Map<number, Cohort>();
  /** Online at each minute's end (the last gauge or enter/leave count in it). */
  private readonly online = new Map<number, number>();
  private sawLeave = false;
  private sawEnter = false;

  enter(ts: number, userId: string, explaining: string | null): void {
    this.sawEnter = true;
    if (this.inRoom.has(userId)) return; // a repeated enter without a leave is the same stay (as the engine)
    const minute = Math.floor(ts / MINUTE_MS) * MINUTE_MS;
    let c = this.cohorts.get(minute);
    if (!c) {
      c = { minute, size: 0, left: RETENTION_MINUTES.map(() => 0), explaining };
      this.cohorts.set(minute, c);
    }
    c.size++;
    this.inRoom.set(userId, { ts, c });
    this.noteOnline(ts, this.inRoom.size);
  }

  leave(ts: number, userId: string): void {
    this.sawLeave = true;
    const v = this.inRoom.get(userId);
    if (!v) return;
    this.inRoom.delete(userId);
    const stay = ts - v.ts;
    RETENTION_MINUTES.forEach((k, i) => {
      if (stay <= k * MINUTE_MS) v.c.left[i]!++;
    });
    this.noteOnline(ts, this.inRoom.size);
  }

  gauge(ts: number, count: number): void {
    if (!this.sawLeave) this.noteOnline(ts, count);
  }

  private noteOnline(ts: number, n: number): void {
    this.online.set(Math.floor(ts / MINUTE_MS) * MINUTE_MS, n);
  }

  /** Departures are known: shares are exact. Otherwise they are estimated from the online counter. */
  get exact(): boolean {
    return this.sawEnter && this.sawLeave;
  }

  /** Cohorts of the minutes in (now − spanMin, now], oldest first; a share is null until its minutes have passed. */
  rows(now: number, spanMin = 30): CohortRow[] {
    const last = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const out: CohortRow[] = [];
    for (let m = last - (spanMin - 1) * MINUTE_MS; m <= last; m += MINUTE_MS) {
      const row = this.row(m, now);
      if (row) out.push(row);
    }
    return out;
  }

  row(minute: number, now: number): CohortRow | null {
    const due = (k: number) => now >= minute + MINUTE_MS + k * MINUTE_MS;
    if (this.exact) {
      const c = this.cohorts.get(minute);
      if (!c || c.size === 0) return null;
      const retention = RETENTION_MINUTES.map((k, i) => (due(k) ? (c.size - c.left[i]!) / c.size : null));
      return { minute, size: c.size, explaining: c.explaining, retention, estimated: false };
    }
    const base = this.online.get(minute);
    if (base === undefined || base <= 0) return null;
    const retention = RETENTION_MINUTES.map((k, i) => {
      if (!due(k)) return null;
      const later = this.onlineAtOrBefore(minute + k * MINUTE_MS, minute);
      // Counters wobble by a few percent minute to minute: only a larger fall says viewers walked out.
      const kept = later / base;
      return USUAL_SURVIVAL[i]! * (kept < 1 - COUNTER_NOISE ? kept / (1 - COUNTER_NOISE) : 1);
    });
    return { minute, size: null, explaining: this.cohorts.get(minute)?.explaining ?? null, retention, estimated: true };
  }

  private onlineAtOrBefore(minute: number, floor: number): number {
    for (let m = minute; m >= floor; m -= MINUTE_MS) {
      const v = this.online.get(m);
      if (v !== undefined) return v;
    }
    return 0;
  }

  /** The session's usual 3-minute retention: the median over exact cohorts of at least `minSize` viewers. */
  usual3(now: number, minSize = 10): { value: number; cohorts: number } | null {
    if (!this.exact) return null;
    const vals: number[] = [];
    for (const c of this.cohorts.values()) {
      const r = this.row(c.minute, now);
      if (r && c.size >= minSize && r.retention[1] !== null) vals.push(r.retention[1]!);
    }
    return vals.length === 0 ? null : { value: median(vals), cohorts: vals.length };
  }

  /** Every cohort of the session so far (the 复盘's full table). */
  all(now: number): CohortRow[] {
    return [...this.cohorts.keys()]
      .sort((a, b) => a - b)
      .map((m) => this.row(m, now))
      .filter((r): r is CohortRow => r !== null);
  }
}
