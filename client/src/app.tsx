// Which screen to show comes from the URL: ?room=<id>&token=<seat token>. Without them, the room picker.
import { BigScreen } from './features/big-screen/big-screen.tsx';
import { RoomPicker } from './features/room-picker/room-picker.tsx';
import { readLocation } from './lib/location.ts';

export function App() {
  const { roomId, token } = readLocation();
  if (!roomId || !token) return <RoomPicker />;
  return <BigScreen roomId={roomId} token={token} />;
}
