import { create } from 'zustand';

/** 'replay': the screen shows the past, driven by the replay, not the live socket. 'rebuilding': the server is
 * rebuilding the room from its store (after a restart or a hand-over); a snapshot follows. */
export type ConnectionStatus = 'connecting' | 'live' | 'stale' | 'reconnecting' | 'error' | 'replay' | 'rebuilding';

interface ConnectionState {
  status: ConnectionStatus;
  errorCode: string | null;
  errorMessage: string | null;
  tickIntervalMs: number;
  lastSeq: number | null;
  lastTickAt: number | null;
  /** While rebuilding: events replayed of the total. */
  rebuild: { done: number; total: number } | null;
  /** While reconnecting: when the next try starts (screen clock), so the screen can count down to it. */
  retryAt: number | null;
  /** The server said it is restarting or handing its rooms over (`server:draining`): the screen comes back. */
  draining: boolean;
}

const initial: ConnectionState = {
  status: 'connecting',
  errorCode: null,
  errorMessage: null,
  tickIntervalMs: 500,
  lastSeq: null,
  lastTickAt: null,
  rebuild: null,
  retryAt: null,
  draining: false,
};

/** Written only by the bridge. */
export const useConnectionStore = create<ConnectionState>()(() => initial);
export const resetConnectionStore = () => useConnectionStore.setState(initial, true);
