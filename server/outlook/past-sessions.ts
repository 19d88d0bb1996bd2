// A session's curve read from the store: the screen's state at the end of each minute since its start
// (TimelineReader.screenAt, the same rows the replay and 复盘 read). Past sessions never change, so each is read
// once and cached per room; a pruned or deleted room just stops being asked for.
import type { CurvePoint } from '../../shared/outlook/curves.ts';
import type { RoomState } from '../../shared/state.ts';
import type { TimelineReader } from '../storage/ports.ts';

const MINUTE_MS = 60_000;
/** A curve longer than this (a room left streaming for days) is cut: the overlay is about one session. */
export const MAX_CURVE_MINUTES = 12 * 60;

export function pointOf(s: RoomState): CurvePoint {
  return {
    online: s.online,
    gmv: s.hasCommerce ? s.gmv : null,
    orders: s.hasCommerce ? s.orders : null,
    clickToOrder: s.hasCommerce ? s.funnel.rates.clickToOrder : null,
    explaining: s.explaining,
  };
}

/** Minutes `from`..`to`−1 since `start`, each the state at the minute's last millisecond (at most `end`). */
export async function readMinutes(
  reader: TimelineReader,
  roomId: string,
  start: number,
  end: number,
  from: number,
  to: number,
): Promise<CurvePoint[]> {
  const idx = Array.from({ length: Math.max(0, Math.min(to, MAX_CURVE_MINUTES) - from) }, (_, i) => from + i);
  const rows = await Promise.all(
    idx.map((m) => reader.screenAt(roomId, Math.min(start + (m + 1) * MINUTE_MS - 1, end + 999))),
  );
  let last: CurvePoint = { online: null, gmv: null, orders: null, clickToOrder: null, explaining: null };
  return rows.map((row) => {
    const s = row ? (JSON.parse(row.body) as RoomState) : null;
    // A state from before the session (no tick in its first minute yet) is not this session's.
    if (s && s.ts >= start) last = pointOf(s);
    return last;
  });
}

export class PastCurves {
  private readonly cache = new Map<string, CurvePoint[]>();

  constructor(private readonly reader: TimelineReader) {}

  async curve(roomId: string, session: { id: string; start: number; end: number }): Promise<CurvePoint[]> {
    const hit = this.cache.get(session.id);
    if (hit) return hit;
    const minutes = Math.ceil((session.end - session.start + 1) / MINUTE_MS);
    const c = await readMinutes(this.reader, roomId, session.start, session.end, 0, minutes);
    this.cache.set(session.id, c);
    return c;
  }

  forget(roomId: string): void {
    for (const id of this.cache.keys()) if (id.startsWith(`${roomId}.`)) this.cache.delete(id);
  }
}
