// Which room comes from the URL (?room=<id>&seat=<seat>, after a seat link's token was exchanged for the seat
// cookie); which view, from the seat the server says the cookie opens.
// Without them, the admin screen: sign in with the admin token, or open a seat link (loaded on demand).
import { lazy, Suspense } from 'react';
import { useSeat } from './lib/seat-session.ts';
import { LiveScreen } from './shell/live-screen.tsx';
import { ScreenControls } from './shell/screen-controls.tsx';
import { HeaderControls } from './widgets/header-controls.tsx';

// Screens other than the live one are their own chunks: a phone prompter downloads none of them.
const AdminScreen = lazy(() => import('./features/admin/admin-screen.tsx'));
const ReplayScreen = lazy(() =>
  import('./features/replay/replay-screen.tsx').then((m) => ({ default: m.ReplayScreen })),
);
const BigScreen = lazy(() => import('./features/big-screen/big-screen.tsx').then((m) => ({ default: m.BigScreen })));
const ReportView = lazy(() => import('./features/replay/report-view.tsx').then((m) => ({ default: m.ReportView })));

export function App() {
  return (
    <HeaderControls.Provider value={ScreenControls}>
      <SeatApp />
    </HeaderControls.Provider>
  );
}

function SeatApp() {
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
  if (report)
    return (
      <Suspense fallback={null}>
        <ReportView roomId={roomId} seat={name} sid={report} />
      </Suspense>
    );
  if (q.has('replay'))
    return (
      <Suspense fallback={null}>
        <ReplayScreen
          roomId={roomId}
          seat={name}
          sid={q.get('replay') || null}
          screen={<BigScreen roomId={roomId} />}
        />
      </Suspense>
    );
  return <LiveScreen roomId={roomId} seat={name} />;
}
