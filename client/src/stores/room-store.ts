import { create } from 'zustand';
import type { Seat } from '../../../shared/protocol.ts';
import type { RoomState } from '../../../shared/state.ts';

interface RoomStore {
  state: RoomState | null;
  roomName: string | null;
  /** The seat this screen's token opens; decides which view is shown. */
  seat: Seat | null;
}

/** The latest room state: a new object at each patch, unchanged parts shared. Written only by the bridge. */
export const useRoomStore = create<RoomStore>()(() => ({ state: null, roomName: null, seat: null }));
export const resetRoomStore = () => useRoomStore.setState({ state: null, roomName: null, seat: null }, true);
