// One room's outlook for its current session: the cohorts fed event by event, today's minutes read from the
// store as they complete, the past curves read once, the targets. Rebuilt when a new session starts.
import type { LiveEvent } from '../../shared/events.ts';
import type { CurvePoint } from '../../shared/outlook/curves.ts';
import type { OutlookBand, OutlookMessage } from '../../shared/outlook/outlook.ts';
import type { Targets } from '../../shared/outlook/pacing.ts';
import { CohortTracker } from './cohorts.ts';

export class RoomOutlook {
  readonly tracker = new CohortTracker();
  explaining: string | null = null;
  /** Curves of the past sessions compared with (null until read). */
  past: CurvePoint[][] | null = null;
  today: CurvePoint[] = [];
  /** undefined until read from the journal. */
  targets: Targets | null | undefined = undefined;
  band: OutlookBand | null = null;
  bandKey = '';
  /** The latest whole message, for screens that join. */
  full: OutlookMessage | null = null;
  busy = false;
  /** A refresh was asked for while one ran: run again after it. */
  again = false;
  /** The runtime whose events feed the cohorts (a rebuilt room is a new one). */
  attachedTo: object | null = null;

  constructor(
    readonly roomId: string,
    readonly sessionStart: number,
  ) {}

  observe(e: LiveEvent): void {
    switch (e.type) {
      case 'viewer_enter':
        // A masked viewer's stay cannot be followed: the cohort is the named viewers' (the feed's sample).
        if (e.userId) this.tracker.enter(e.ts, e.userId, this.explaining);
        break;
      case 'viewer_leave':
        this.tracker.leave(e.ts, e.userId);
        break;
      case 'online_count':
        this.tracker.gauge(e.ts, e.count);
        break;
      case 'explain_start':
        this.explaining = e.productId;
        break;
      case 'explain_end':
        if (this.explaining === e.productId) this.explaining = null;
        break;
    }
  }
}
