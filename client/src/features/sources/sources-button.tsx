// The header button that opens the source setup (场控 only); the setup itself loads on demand.
import { lazy, Suspense, useCallback, useState } from 'react';
import { useRoomStore } from '../../stores/room-store.ts';
import { useSourcesT } from './sources-dict.ts';

const SourceSetup = lazy(() => import('./source-setup.tsx'));

export function SourcesButton({ roomId }: { roomId: string }) {
  const t = useSourcesT();
  const [open, setOpen] = useState(() => new URLSearchParams(window.location.search).has('sources'));
  const seat = useRoomStore((s) => s.seat);
  const close = useCallback(() => setOpen(false), []);
  if (seat !== 'controller') return null;
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="sources-button">
        {t('sources')}
      </button>
      {open ? (
        <Suspense fallback={null}>
          <SourceSetup roomId={roomId} onClose={close} />
        </Suspense>
      ) : null}
    </>
  );
}
