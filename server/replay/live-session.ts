// The room's current session as its loaded runtime has it. Its engine has applied every stored event of the
// session, however they came (pushed late, imported in parts, replayed after a kill), so its figures are the
// session's truth: the session list and the report read them for that session instead of a stored state,
// which a push stamped a moment before a tick closed its second can still be missing.
import type { RoomState } from '../../shared/state.ts';
import type { RoomRuntime } from '../rooms/room-runtime.ts';

export interface LiveSession {
  start: number;
  state: RoomState;
}

/** What the replay asks of the live side: the room's current session, or null (not loaded here, rebuilding). */
export type LiveSessions = (roomId: string, opts?: { slowParts?: boolean }) => LiveSession | null;

export function liveSessions(loaded: (roomId: string) => RoomRuntime | null, now: () => number): LiveSessions {
  return (roomId, opts = {}) => {
    const runtime = loaded(roomId);
    // A rebuilding room has applied only part of its events: the stored states say more than it does.
    if (!runtime || runtime.rebuilding || runtime.sessionStart === null) return null;
    return { start: runtime.sessionStart, state: runtime.state(now(), opts) };
  };
}
