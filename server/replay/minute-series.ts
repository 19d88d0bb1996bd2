// Minute-level series of a session, read from stored states at each minute's end (no raw-event scan).
import type { MinutePoint } from '../../shared/replay.ts';
import type { RoomState } from '../../shared/state.ts';
import type { TimelineReader } from '../storage/ports.ts';

export async function minuteSeries(
  reader: TimelineReader,
  roomId: string,
  start: number,
  end: number,
): Promise<MinutePoint[]> {
  const minutes: number[] = [];
  for (let m = Math.floor(start / 60_000) * 60_000; m <= end; m += 60_000) minutes.push(m);
  const rows = await Promise.all(minutes.map((m) => reader.screenAt(roomId, Math.min(m + 59_999, end + 999))));
  const out: MinutePoint[] = [];
  let prev: RoomState | null = null;
  for (const [i, m] of minutes.entries()) {
    const row = rows[i];
    const s = row ? (JSON.parse(row.body) as RoomState) : null;
    const diff = (f: (x: RoomState) => number) => (s ? f(s) - (prev ? f(prev) : 0) : null);
    out.push({
      minute: m,
      online: s ? s.online : null,
      entries: s?.onlineFromEvents ? s.entriesPerMin : null,
      comments: diff((x) => x.comments),
      clicks: s?.hasCommerce ? diff((x) => x.funnel.stages.productClick) : null,
      orders: s?.hasCommerce ? diff((x) => x.orders) : null,
      gmv: s?.hasCommerce ? Math.round((diff((x) => x.gmv) ?? 0) * 100) / 100 : null,
    });
    if (s) prev = s;
  }
  return out;
}
