// The feature controls every screen header shows, handed to widgets/header.tsx through HeaderControls. Each is
// loaded on demand, as it was inside the big screen's and the console's chunks: the prompter never fetches them.
import { lazy, Suspense } from 'react';

const loadRules = () => import('../features/rules/rules-button.tsx').then((m) => ({ default: m.RulesButton }));
const loadSources = () => import('../features/sources/sources-button.tsx').then((m) => ({ default: m.SourcesButton }));
const RulesButton = lazy(loadRules);
const SourcesButton = lazy(loadSources);

/** Fetched with the screen whose header shows them, so they appear with it. */
export const preloadScreenControls = () => Promise.all([loadRules(), loadSources()]);

export function ScreenControls({ roomId }: { roomId: string }) {
  return (
    <Suspense fallback={null}>
      <RulesButton roomId={roomId} />
      <SourcesButton roomId={roomId} />
    </Suspense>
  );
}
