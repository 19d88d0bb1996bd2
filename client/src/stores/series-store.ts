// Chart history in fixed-size rings. Charts read it through store.subscribe outside React renders; the
// `version` number is what changes, the ring itself is mutated in place.
import { create } from 'zustand';
import { ONLINE_SERIES_POINTS, ONLINE_SERIES_STEP_MS } from '../../../shared/constants.ts';
import { RingBuffer } from '../lib/ring-buffer.ts';

interface SeriesStore {
  online: RingBuffer;
  version: number;
}

export const useSeriesStore = create<SeriesStore>()(() => ({
  online: new RingBuffer(ONLINE_SERIES_POINTS),
  version: 0,
}));

export function seedOnline(points: [number, number][]): void {
  const { online, version } = useSeriesStore.getState();
  online.clear();
  for (const [ts, v] of points.slice(-ONLINE_SERIES_POINTS)) online.push(ts, v);
  useSeriesStore.setState({ version: version + 1 });
}

/** One point per ONLINE_SERIES_STEP_MS; a later sample in the same step replaces the last point. */
export function appendOnline(ts: number, value: number): void {
  const { online, version } = useSeriesStore.getState();
  const step = Math.floor(ts / ONLINE_SERIES_STEP_MS) * ONLINE_SERIES_STEP_MS;
  const last = online.lastTs();
  if (last !== null && step < last) return;
  if (last === step) online.replaceLast(value);
  else online.push(step, value);
  useSeriesStore.setState({ version: version + 1 });
}

export const resetSeriesStore = () => {
  useSeriesStore.getState().online.clear();
  useSeriesStore.setState({ version: 0 });
};
