import { create } from 'zustand';
import type { AlertRule } from '../../../shared/alerts.ts';

interface RulesStore {
  /** The rules the room runs, as the server last said; null until a snapshot carried them. Written only by
   * the bridge: a screen's own save shows here when the server's broadcast comes back, like anyone else's. */
  rules: AlertRule[] | null;
  /** Who made the last change this screen heard of, and at what room time (null when only a snapshot). */
  changedBy: string | null;
  changedAt: number | null;
}

const empty = { rules: null, changedBy: null, changedAt: null };
export const useRulesStore = create<RulesStore>()(() => ({ ...empty }));
export const resetRulesStore = () => useRulesStore.setState({ ...empty }, true);

/** From a snapshot: the list only; the last change's author stays as the broadcast said. The periodic
 * snapshot repeats unchanged rules every 30 s: keeping the same array then means an open editor does not
 * take the repeat for a change made elsewhere (and nothing re-renders). */
export function applyRules(rules: AlertRule[]): void {
  const current = useRulesStore.getState().rules;
  if (current !== null && JSON.stringify(current) === JSON.stringify(rules)) return;
  useRulesStore.setState({ rules });
}

export function changeRules(msg: { rules: AlertRule[]; by: string; at: number }): void {
  useRulesStore.setState({ rules: msg.rules, changedBy: msg.by, changedAt: msg.at });
}
