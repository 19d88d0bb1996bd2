import { create } from 'zustand';
import type { Alert } from '../../../shared/alerts.ts';

interface AlertsStore {
  /** Firing alerts by id. Written only by the bridge. */
  active: Record<string, Alert>;
  /** The last few resolved, for the panel's "recovered" line. */
  resolved: Alert[];
}

export const useAlertsStore = create<AlertsStore>()(() => ({ active: {}, resolved: [] }));
export const resetAlertsStore = () => useAlertsStore.setState({ active: {}, resolved: [] }, true);

export function applyAlerts(list: Alert[]): void {
  useAlertsStore.setState({ active: Object.fromEntries(list.map((a) => [a.id, a])) });
}

export function upsertAlert(a: Alert): void {
  useAlertsStore.setState((s) => ({ active: { ...s.active, [a.id]: a } }));
}

export function resolveAlert(a: Alert): void {
  useAlertsStore.setState((s) => {
    const { [a.id]: _gone, ...rest } = s.active;
    return { active: rest, resolved: [a, ...s.resolved].slice(0, 5) };
  });
}
