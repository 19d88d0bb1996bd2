// The entry: which start this page needs. The host's phone prompter gets the DOM-only prompter (no React
// renderer, no charts); every other screen the React app, each in its own chunk. A seat link's token is
// exchanged for the seat cookie first, since the seat it opens decides.
import './styles/base.css';
import './styles/big-screen.css';
import './styles/alerts.css';
import './styles/assistant.css';
import './styles/prompter.css';
import './styles/replay.css';
import './styles/rules.css';
import './styles/sources.css';
import './styles/questions.css';
import { readLocation, replaceTokenWithSeat } from './lib/location.ts';
import { exchangeSeatLink, linkSecret } from './lib/seat-session.ts';

async function start(root: HTMLElement): Promise<void> {
  const { roomId } = readLocation();
  const secret = linkSecret(readLocation());
  let { seat } = readLocation();
  if (roomId && secret) {
    const next = await exchangeSeatLink(roomId, secret);
    seat = next.status === 'ready' ? next.seat : 'unknown';
    replaceTokenWithSeat(seat);
  }
  const q = new URLSearchParams(window.location.search);
  if (roomId && seat === 'host' && !q.has('replay') && !q.has('report')) {
    const { startLightPrompter } = await import('./features/prompter/light-prompter.ts');
    startLightPrompter(root, roomId);
    return;
  }
  const { renderApp } = await import('./react-app.tsx');
  renderApp(root);
}

void start(document.getElementById('root')!);
