// The phone prompter's own start: its socket and bridge, and the DOM-only view (prompter-view.ts). main.tsx
// loads this instead of the React app for the host seat, so the prompter's first load stays small.
import { startBridge } from '../../lib/bridge.ts';
import { setCommandSocket } from '../../lib/commands.ts';
import { createLiveSocket } from '../../lib/socket.ts';
import { mountPrompterView } from './prompter-view.ts';

export function startLightPrompter(root: HTMLElement, roomId: string): () => void {
  const socket = createLiveSocket(roomId, 'host');
  setCommandSocket(socket);
  const stopBridge = startBridge(socket);
  const unmount = mountPrompterView(root);
  return () => {
    unmount();
    setCommandSocket(null);
    stopBridge();
  };
}
