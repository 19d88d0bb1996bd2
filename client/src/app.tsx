// Which room comes from the URL (?room=<id>&token=<seat token>); which view, from the seat the token opens.
// Without them, the room picker.
import { LiveScreen } from './features/live/live-screen.tsx';
import { RoomPicker } from './features/room-picker/room-picker.tsx';
import { readLocation } from './lib/location.ts';

export function App() {
  const { roomId, token } = readLocation();
  if (!roomId || !token) return <RoomPicker />;
  return <LiveScreen roomId={roomId} token={token} />;
}
