// Real socket.io clients for the /live namespace, with helpers that wait on events (no sleeps). Each client
// follows its room state as a screen does (snapshot, then patches in seq order), so tests read whole states.
import { io, type Socket } from 'socket.io-client';
import { applyPatch } from '../../shared/patch.ts';
import { type ClientToServerEvents, LIVE_NAMESPACE, type ServerToClientEvents } from '../../shared/protocol.ts';
import type { RoomState } from '../../shared/state.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Follower {
  state: RoomState | null;
  /** Patches that did not follow the held seq (dropped until the next snapshot, as the bridge does). */
  gaps: number;
  listeners: Set<(state: RoomState) => void>;
}
const followers = new WeakMap<LiveSocket, Follower>();

export function connectLive(url: string, roomId: string, token: string): LiveSocket {
  const so: LiveSocket = io(`${url}${LIVE_NAMESPACE}`, {
    auth: { token, roomId },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const f: Follower = { state: null, gaps: 0, listeners: new Set() };
  const set = (state: RoomState) => {
    f.state = state;
    for (const l of f.listeners) l(state);
  };
  so.on('room:snapshot', (m) => set(m.state));
  so.on('room:patch', (m) => {
    if (f.state === null || m.seq !== f.state.seq + 1) f.gaps++;
    else set(applyPatch(f.state, m.ops, { seq: m.seq }));
  });
  followers.set(so, f);
  return so;
}

const follower = (so: LiveSocket) =>
  followers.get(so) ??
  (() => {
    throw new Error('not a connectLive socket');
  })();

/** The room state this client holds now (null before its snapshot). */
export const heldState = (so: LiveSocket) => follower(so).state;
export const seqGaps = (so: LiveSocket) => follower(so).gaps;

/** Calls `fn` with every state the client comes to hold (snapshots and patched states). */
export function onState(so: LiveSocket, fn: (state: RoomState) => void): () => void {
  const f = follower(so);
  f.listeners.add(fn);
  return () => f.listeners.delete(fn);
}

/** The first state the client holds, now or later, that satisfies `pred`. */
export function waitForState(
  so: LiveSocket,
  pred: (state: RoomState) => boolean,
  timeoutMs = 5000,
): Promise<RoomState> {
  const held = heldState(so);
  if (held && pred(held)) return Promise.resolve(held);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('timed out waiting for a state'));
    }, timeoutMs);
    const off = onState(so, (state) => {
      if (!pred(state)) return;
      clearTimeout(timer);
      off();
      resolve(state);
    });
  });
}

export function once<E extends keyof ServerToClientEvents>(
  socket: LiveSocket,
  event: E,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
    // biome-ignore lint/suspicious/noExplicitAny: socket.io's typed listener signature is per event
    (socket as any).once(event, (msg: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(msg);
    });
  });
}

/** Wait for the first message of `event` satisfying `pred`. */
export function waitFor<E extends keyof ServerToClientEvents>(
  socket: LiveSocket,
  event: E,
  pred: (msg: Parameters<ServerToClientEvents[E]>[0]) => boolean,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const s = socket as any;
    const handler = (msg: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!pred(msg)) return;
      clearTimeout(timer);
      s.off(event, handler);
      resolve(msg);
    };
    const timer = setTimeout(() => {
      s.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    s.on(event, handler);
  });
}

export function connectError(socket: LiveSocket, timeoutMs = 5000): Promise<{ message: string; data?: unknown }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for connect_error')), timeoutMs);
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      resolve(err as { message: string; data?: unknown });
    });
  });
}
