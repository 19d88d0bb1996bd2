// The header button that opens the rules drawer, on the screens whose seats see alerts (the host's prompter
// has no header, and the server sends it no rules).
import { lazy, Suspense, useCallback, useState } from 'react';
import { useT } from '../../lib/i18n.ts';
import { useRoomStore } from '../../stores/room-store.ts';

// The editor is opened now and then, the big screen is watched all day: it loads on first open.
const RuleEditor = lazy(() => import('./rule-editor.tsx').then((m) => ({ default: m.RuleEditor })));

export function RulesButton({ roomId }: { roomId: string }) {
  const t = useT();
  // `&rules` in the seat link (the admin screen's "open the rules editor") opens the drawer at once.
  const [open, setOpen] = useState(() => new URLSearchParams(window.location.search).has('rules'));
  const seat = useRoomStore((s) => s.seat);
  const close = useCallback(() => setOpen(false), []);
  if (seat !== 'controller' && seat !== 'assistant' && seat !== 'viewer') return null;
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="rules-button">
        {t('rules')}
      </button>
      {open ? (
        <Suspense fallback={null}>
          <RuleEditor roomId={roomId} onClose={close} />
        </Suspense>
      ) : null}
    </>
  );
}
