// Sessions are read from the timeline: a run of events with no gap longer than SESSION_GAP_MS. The headline
// figures are the room state at the session's last event (the engine starts from zero at each session); for
// the room's current session, the live engine's (live-session.ts), which has applied all of its events.
import { SESSION_GAP_MS } from '../../shared/constants.ts';
import type { SessionInfo } from '../../shared/replay.ts';
import type { RoomState } from '../../shared/state.ts';
import type { ReplayQueries, TimelineReader } from '../storage/ports.ts';
import type { LiveSessions } from './live-session.ts';

export type { SessionInfo };

export const sessionId = (roomId: string, start: number) => `${roomId}.${start}`;

export function parseSessionId(sid: string): { roomId: string; start: number } | null {
  const m = /^(r_[0-9a-f]+)\.(\d+)$/.exec(sid);
  return m ? { roomId: m[1]!, start: Number(m[2]) } : null;
}

/** Listing scans the room's events once; the result holds until the room gets a new event. */
const cache = new WeakMap<TimelineReader, Map<string, { lastSeq: number; sessions: SessionInfo[] }>>();

/** After old events were removed (retention): the room's next listing scans again. */
export function forgetSessions(reader: TimelineReader, roomId: string): void {
  cache.get(reader)?.delete(roomId);
}

export async function listSessions(
  queries: ReplayQueries,
  reader: TimelineReader,
  roomId: string,
  live?: LiveSessions,
): Promise<SessionInfo[]> {
  const stored = await storedSessions(queries, reader, roomId);
  const now = live?.(roomId, { slowParts: false });
  if (!now) return stored;
  return stored.map((s) => (s.start === now.start ? { ...s, headline: headline(now.state) } : s));
}

async function storedSessions(queries: ReplayQueries, reader: TimelineReader, roomId: string): Promise<SessionInfo[]> {
  const lastSeq = await reader.lastSeq(roomId);
  let perStore = cache.get(reader);
  if (!perStore) {
    perStore = new Map();
    cache.set(reader, perStore);
  }
  const hit = perStore.get(roomId);
  if (hit && hit.lastSeq === lastSeq) return hit.sessions;
  const sessions = await scanSessions(queries, reader, roomId);
  perStore.set(roomId, { lastSeq, sessions });
  return sessions;
}

async function scanSessions(queries: ReplayQueries, reader: TimelineReader, roomId: string): Promise<SessionInfo[]> {
  // Boundaries only: the first event, and each event after a long gap, with the end of the run before it.
  const { marks, lastTs, count } = await queries.sessionMarks(roomId, SESSION_GAP_MS);
  return Promise.all(
    marks.map(async (r, i) => {
      const next = marks[i + 1];
      const end = next ? next.prev! : lastTs!;
      const events = (next ? next.n : count + 1) - r.n;
      return {
        id: sessionId(roomId, r.ts),
        roomId,
        start: r.ts,
        end,
        durationSeconds: Math.round((end - r.ts) / 1000),
        events,
        headline: headline(parseState((await reader.screenAt(roomId, end + 999))?.body ?? null)),
      };
    }),
  );
}

function parseState(body: string | null): RoomState | null {
  return body ? (JSON.parse(body) as RoomState) : null;
}

function headline(s: RoomState | null): SessionInfo['headline'] {
  if (!s) return null;
  return {
    peakOnline: s.peakOnline,
    cumulativeViewers: s.cumulativeViewers,
    comments: s.comments,
    orders: s.orders,
    gmv: s.gmv,
    paid: s.paid,
  };
}
