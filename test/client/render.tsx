// A minimal React renderer for component tests with real stores: render into a detached host, query by
// data-testid, unmount after each test. (No testing-library: no dependencies beyond the stack.)
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { resetAlertsStore } from '../../client/src/stores/alerts-store.ts';
import { resetConnectionStore } from '../../client/src/stores/connection-store.ts';
import { resetCuesStore } from '../../client/src/stores/cues-store.ts';
import { resetRoomStore } from '../../client/src/stores/room-store.ts';
import { resetRulesStore } from '../../client/src/stores/rules-store.ts';
import { resetSeriesStore } from '../../client/src/stores/series-store.ts';
import { resetUiStore } from '../../client/src/stores/ui-store.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mounted {
  host: HTMLDivElement;
  byTestId(id: string): HTMLElement | null;
  text(id: string): string | undefined;
  unmount(): void;
}

export function resetStores(): void {
  resetAlertsStore();
  resetConnectionStore();
  resetCuesStore();
  resetRoomStore();
  resetRulesStore();
  resetSeriesStore();
  resetUiStore();
}

export function mount(node: ReactNode): Mounted {
  const host = document.createElement('div');
  document.body.appendChild(host);
  const root: Root = createRoot(host);
  act(() => root.render(node));
  const byTestId = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return {
    host,
    byTestId,
    text: (id) => byTestId(id)?.textContent ?? undefined,
    unmount: () => {
      act(() => root.unmount());
      host.remove();
    },
  };
}

/** Runs a store change (or a click) inside act so React flushes before the assertions. */
export function update(fn: () => void): void {
  act(fn);
}
