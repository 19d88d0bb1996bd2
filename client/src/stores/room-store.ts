import { create } from 'zustand';
import type { RoomState } from '../../../shared/state.ts';

interface RoomStore {
  state: RoomState | null;
  roomName: string | null;
}

/** The latest room state, replaced whole on each tick. Written only by the bridge. */
export const useRoomStore = create<RoomStore>()(() => ({ state: null, roomName: null }));
export const resetRoomStore = () => useRoomStore.setState({ state: null, roomName: null }, true);
