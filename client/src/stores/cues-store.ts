import { create } from 'zustand';
import type { Cue } from '../../../shared/cues.ts';

const KEEP = 50;

interface CuesStore {
  /** Cues by id (open ones and the recent closed ones), bounded. Written only by the bridge. */
  byId: Record<string, Cue>;
}

export const useCuesStore = create<CuesStore>()(() => ({ byId: {} }));
export const resetCuesStore = () => useCuesStore.setState({ byId: {} }, true);

export function applyCues(list: Cue[]): void {
  useCuesStore.setState({ byId: Object.fromEntries(list.map((c) => [c.id, c])) });
}

export function upsertCue(c: Cue): void {
  useCuesStore.setState((s) => {
    const all = { ...s.byId, [c.id]: c };
    const ids = Object.keys(all);
    if (ids.length <= KEEP) return { byId: all };
    // Drop the oldest closed cues first; open ones always stay.
    const closed = Object.values(all)
      .filter((x) => x.status !== 'pending' && x.status !== 'shown')
      .sort((a, b) => a.sentAt - b.sentAt);
    for (const x of closed.slice(0, ids.length - KEEP)) delete all[x.id];
    return { byId: all };
  });
}

export const isOpenCue = (c: Cue) => c.status === 'pending' || c.status === 'shown';

/** Prompter order: urgent first, then oldest first. */
export function openCues(byId: Record<string, Cue>): Cue[] {
  return Object.values(byId)
    .filter(isOpenCue)
    .sort((a, b) => (a.priority === b.priority ? a.sentAt - b.sentAt : a.priority === 'urgent' ? -1 : 1));
}
