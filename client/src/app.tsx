// Which room comes from the URL (?room=<id>&token=<seat token>); which view, from the seat the token opens.
// Without them, the admin screen: sign in with the admin token, or open a seat link (loaded on demand).
import { lazy, Suspense } from 'react';
import { LiveScreen } from './features/live/live-screen.tsx';
import { ReplayScreen } from './features/replay/replay-screen.tsx';
import { ReportView } from './features/replay/report-view.tsx';
import { readLocation } from './lib/location.ts';

const AdminScreen = lazy(() => import('./features/admin/admin-screen.tsx'));

export function App() {
  const { roomId, token } = readLocation();
  if (!roomId || !token)
    return (
      <Suspense fallback={null}>
        <AdminScreen />
      </Suspense>
    );
  const q = new URLSearchParams(window.location.search);
  const report = q.get('report');
  if (report) return <ReportView roomId={roomId} token={token} sid={report} />;
  if (q.has('replay')) return <ReplayScreen roomId={roomId} token={token} sid={q.get('replay') || null} />;
  return <LiveScreen roomId={roomId} token={token} />;
}
