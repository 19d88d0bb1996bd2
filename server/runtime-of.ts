// A room's runtime where the caller needs one: a room that does not exist (or is not run here) is an error
// with the HTTP answer it gets (404 unknown_room, http/errors.ts), never a non-null assertion that reads as
// a crash when it fails. A leaf (type imports only): http/errors.ts and any folder import it without a cycle.
import type { RoomRuntime } from './rooms/room-runtime.ts';

export class UnknownRoomError extends Error {
  readonly statusCode = 404;
  readonly code = 'unknown_room';
  constructor(readonly roomId: string) {
    super(`no room ${roomId}`);
  }
}

/** The room's runtime (loaded and rebuilt on first use); throws UnknownRoomError when there is none. */
export async function runtimeOf(
  rooms: { runtime(roomId: string): Promise<RoomRuntime | null> },
  roomId: string,
): Promise<RoomRuntime> {
  const runtime = await rooms.runtime(roomId);
  if (runtime === null) throw new UnknownRoomError(roomId);
  return runtime;
}
