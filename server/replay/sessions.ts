// Sessions are read from the timeline: a run of events with no gap longer than SESSION_GAP_MS. The headline
// figures are the room state at the session's last event (the engine starts from zero at each session).
import { SESSION_GAP_MS } from '../../shared/constants.ts';
import type { SessionInfo } from '../../shared/replay.ts';
import type { RoomState } from '../../shared/state.ts';

export type { SessionInfo };

import type { Db } from '../storage/db.ts';
import type { TimelineReader } from '../storage/timeline-reader.ts';

export const sessionId = (roomId: string, start: number) => `${roomId}.${start}`;

export function parseSessionId(sid: string): { roomId: string; start: number } | null {
  const m = /^(r_[0-9a-f]+)\.(\d+)$/.exec(sid);
  return m ? { roomId: m[1]!, start: Number(m[2]) } : null;
}

/** Listing scans the room's events once; the result holds until the room gets a new event. */
const cache = new WeakMap<Db, Map<string, { lastSeq: number; sessions: SessionInfo[] }>>();

/** After old events were removed (retention): the room's next listing scans again. */
export function forgetSessions(db: Db, roomId: string): void {
  cache.get(db)?.delete(roomId);
}

export function listSessions(db: Db, reader: TimelineReader, roomId: string): SessionInfo[] {
  const lastSeq =
    (db.prepare('SELECT MAX(seq) AS s FROM events WHERE room_id = ?').get(roomId) as { s: number | null }).s ?? 0;
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const hit = perDb.get(roomId);
  if (hit && hit.lastSeq === lastSeq) return hit.sessions;
  const sessions = scanSessions(db, reader, roomId);
  perDb.set(roomId, { lastSeq, sessions });
  return sessions;
}

function scanSessions(db: Db, reader: TimelineReader, roomId: string): SessionInfo[] {
  // Boundaries only: the first event, and each event after a long gap, with the end of the run before it.
  const rows = db
    .prepare(
      `SELECT ts, prev, n FROM (
         SELECT ts, type, LAG(ts) OVER w AS prev, LAG(type) OVER w AS prevType, ROW_NUMBER() OVER w AS n
         FROM events WHERE room_id = ? WINDOW w AS (ORDER BY ts, seq))
       WHERE prev IS NULL OR ts - prev > ? OR type = 'session_start' OR prevType = 'session_end'`,
    )
    .all(roomId, SESSION_GAP_MS) as { ts: number; prev: number | null; n: number }[];
  const last = db.prepare('SELECT MAX(ts) AS ts, COUNT(*) AS n FROM events WHERE room_id = ?').get(roomId) as {
    ts: number | null;
    n: number;
  };
  return rows.map((r, i) => {
    const next = rows[i + 1];
    const end = next ? next.prev! : last.ts!;
    const events = (next ? next.n : last.n + 1) - r.n;
    return {
      id: sessionId(roomId, r.ts),
      roomId,
      start: r.ts,
      end,
      durationSeconds: Math.round((end - r.ts) / 1000),
      events,
      headline: headline(reader.screenAt(roomId, end + 999)?.body ?? null),
    };
  });
}

function headline(body: string | null): SessionInfo['headline'] {
  if (!body) return null;
  const s = JSON.parse(body) as RoomState;
  return {
    peakOnline: s.peakOnline,
    cumulativeViewers: s.cumulativeViewers,
    comments: s.comments,
    orders: s.orders,
    gmv: s.gmv,
    paid: s.paid,
  };
}
