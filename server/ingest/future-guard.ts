// A room's clock never runs ahead of server time by more than MAX_EVENT_FUTURE_MS: an event stamped later than
// that would move it there (to 2099, say), and every event after it would land in windows long closed. Pushed
// events are bounded at the edge (validate-event.ts); this holds on every other path, sources and imports
// included, for rooms on wall time. A room driven by a virtual clock of the server's own (the simulator, a
// recording replayed at a speed) runs on that clock, which its events follow.
import { MAX_EVENT_FUTURE_MS } from '../../shared/constants.ts';
import type { LiveEvent } from '../../shared/events.ts';
import type { IngestRejection } from '../sources/source.ts';

/** The latest event time a room on wall time may take now. */
export const latestAllowedTs = (wallNow: number) => wallNow + MAX_EVENT_FUTURE_MS;

export const inFuture = (ts: number, wallNow: number) => ts > latestAllowedTs(wallNow);

/** Splits off the events stamped beyond server time + MAX_EVENT_FUTURE_MS, each refused as `ts_in_future`. */
export function refuseFuture(
  valid: LiveEvent[],
  wallNow: number,
  indexOf: (i: number) => number,
): { kept: LiveEvent[]; refused: IngestRejection[] } {
  const kept: LiveEvent[] = [];
  const refused: IngestRejection[] = [];
  valid.forEach((e, i) => {
    if (!inFuture(e.ts, wallNow)) kept.push(e);
    else
      refused.push({
        index: indexOf(i),
        code: 'ts_in_future',
        message: `ts ${e.ts} is more than ${MAX_EVENT_FUTURE_MS / 60_000} min after server time ${wallNow}`,
      });
  });
  return { kept, refused };
}
