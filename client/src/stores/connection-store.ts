import { create } from 'zustand';

/** 'replay': the screen shows the past, driven by the replay, not the live socket. */
export type ConnectionStatus = 'connecting' | 'live' | 'stale' | 'reconnecting' | 'error' | 'replay';

interface ConnectionState {
  status: ConnectionStatus;
  errorCode: string | null;
  errorMessage: string | null;
  tickIntervalMs: number;
  lastSeq: number | null;
  lastTickAt: number | null;
}

const initial: ConnectionState = {
  status: 'connecting',
  errorCode: null,
  errorMessage: null,
  tickIntervalMs: 500,
  lastSeq: null,
  lastTickAt: null,
};

/** Written only by the bridge. */
export const useConnectionStore = create<ConnectionState>()(() => initial);
export const resetConnectionStore = () => useConnectionStore.setState(initial, true);
