import { create } from 'zustand';

export type ConnectionStatus = 'connecting' | 'live' | 'stale' | 'reconnecting' | 'error';

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
