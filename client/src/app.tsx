// Which room comes from the URL (?room=<id>&seat=<seat>, after a seat link's token was exchanged for the seat
// cookie); which view, from the seat the server says the cookie opens.
// Without them, the admin screen: sign in with the admin token, or open a seat link (loaded on demand).
import { lazy, Suspense } from 'react';
import { LiveScreen } from './features/live/live-screen.tsx';
import { ReplayScreen } from './features/replay/replay-screen.tsx';
import { ReportView } from './features/replay/report-view.tsx';
import { useSeat } from './lib/seat-session.ts';

const AdminScreen = lazy(() => import('./features/admin/admin-screen.tsx'));

export function App() {
  const seat = useSeat();
  if (seat.status === 'none')
    return (
      <Suspense fallback={null}>
        <AdminScreen />
      </Suspense>
    );
  if (seat.status === 'pending') return null;
  const { roomId } = seat;
  // A refused link still opens the live screen: its socket is refused too and the screen says why.
  const name = seat.status === 'ready' ? seat.seat : 'unknown';
  const q = new URLSearchParams(window.location.search);
  const report = q.get('report');
  if (report) return <ReportView roomId={roomId} seat={name} sid={report} />;
  if (q.has('replay')) return <ReplayScreen roomId={roomId} seat={name} sid={q.get('replay') || null} />;
  return <LiveScreen roomId={roomId} seat={name} />;
}
