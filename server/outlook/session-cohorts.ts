// A whole session's retention cohorts for the 复盘, counted from its stored entries, departures and counters
// (ReplayQueries.audienceEvents, page by page), and the same by the product explained when the viewers entered.
import { type CohortRow, RETENTION_MINUTES } from '../../shared/outlook/outlook.ts';
import type { ReplayQueries } from '../storage/ports.ts';
import { RoomOutlook } from './room-outlook.ts';

export interface ProductCohort {
  productId: string;
  /** Viewers who entered while it was explained (null on a counter-only feed). */
  size: number | null;
  /** Mean share still watching, weighted by cohort size, over its cohorts whose minutes had passed. */
  retention: (number | null)[];
}

export async function sessionCohorts(replay: ReplayQueries, roomId: string, start: number, end: number) {
  const o = new RoomOutlook(roomId, start);
  for await (const page of replay.audienceEvents(roomId, start, end)) for (const e of page) o.observe(e);
  // Judged as of the session's last event: a share whose minutes had not passed by then is unknown (—), not kept.
  const rows = o.tracker.all(end);
  return { exact: o.tracker.exact, rows, byProduct: byProduct(rows) };
}

function byProduct(rows: CohortRow[]): ProductCohort[] {
  const groups = new Map<string, CohortRow[]>();
  for (const r of rows) {
    if (r.explaining === null) continue;
    groups.set(r.explaining, [...(groups.get(r.explaining) ?? []), r]);
  }
  return [...groups].map(([productId, list]) => {
    const weight = (r: CohortRow) => r.size ?? 1;
    const retention = RETENTION_MINUTES.map((_, i) => {
      const known = list.filter((r) => r.retention[i] !== null);
      const w = known.reduce((a, r) => a + weight(r), 0);
      return w === 0 ? null : known.reduce((a, r) => a + weight(r) * r.retention[i]!, 0) / w;
    });
    const sized = list.every((r) => r.size !== null);
    return { productId, size: sized ? list.reduce((a, r) => a + r.size!, 0) : null, retention };
  });
}
