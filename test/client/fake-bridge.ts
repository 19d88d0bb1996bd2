// The real bridge on a fresh fake socket that also carries the screen's commands, as a component sees it in
// the app; `stop` detaches both.
import { startBridge } from '../../client/src/lib/bridge.ts';
import { setCommandSocket } from '../../client/src/lib/commands.ts';
import type { LiveSocket } from '../../client/src/lib/socket.ts';
import { FakeSocket } from './fake-socket.ts';

export function startFakeBridge(): { socket: FakeSocket; stop: () => void } {
  const socket = new FakeSocket();
  const stopBridge = startBridge(socket.asBridgeSocket());
  setCommandSocket(socket as unknown as LiveSocket);
  return {
    socket,
    stop: () => {
      setCommandSocket(null);
      stopBridge();
    },
  };
}
