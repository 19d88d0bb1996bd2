// Today against the room's past, as the server last sent it (`room:outlook`): today's minutes are appended from
// `todayFrom`, the band is kept until a new one comes, and a new session starts everything over.
import { create } from 'zustand';
import type { CurvePoint } from '../../../shared/outlook/curves.ts';
import type { OutlookBand, OutlookMessage } from '../../../shared/outlook/outlook.ts';

interface OutlookStore {
  msg: OutlookMessage | null;
  today: CurvePoint[];
  band: OutlookBand | null;
}

export const useOutlookStore = create<OutlookStore>()(() => ({ msg: null, today: [], band: null }));

export function applyOutlook(msg: OutlookMessage): void {
  const s = useOutlookStore.getState();
  const same = s.msg !== null && s.msg.sessionStart === msg.sessionStart && s.msg.roomId === msg.roomId;
  // A delta that does not follow what is held (a missed message) waits for the next whole one's points.
  const held = same ? s.today : [];
  const today = msg.todayFrom <= held.length ? [...held.slice(0, msg.todayFrom), ...msg.today] : held;
  useOutlookStore.setState({ msg, today, band: msg.band ?? (same ? s.band : null) });
}

export function resetOutlook(): void {
  useOutlookStore.setState({ msg: null, today: [], band: null });
}
