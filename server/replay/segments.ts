// Explain segments (讲解) of a session, with what happened to that product while it was explained: read from
// the events in the session's time range (the (room_id, ts) index keeps this to the session's rows).
import type { ExplainSegment } from '../../shared/replay.ts';
import type { Db } from '../storage/db.ts';

export function explainSegments(db: Db, roomId: string, start: number, end: number): ExplainSegment[] {
  const marks = db
    .prepare(
      `SELECT ts, type, json_extract(body, '$.productId') AS pid FROM events
       WHERE room_id = ? AND ts BETWEEN ? AND ? AND type IN ('explain_start', 'explain_end') ORDER BY ts`,
    )
    .all(roomId, start, end) as { ts: number; type: string; pid: string }[];
  const segments: { productId: string; start: number; end: number }[] = [];
  let open: { productId: string; start: number } | null = null;
  for (const m of marks) {
    if (open && (m.type === 'explain_end' ? m.pid === open.productId : true)) {
      segments.push({ ...open, end: m.ts });
      open = null;
    }
    if (m.type === 'explain_start') open = { productId: m.pid, start: m.ts };
  }
  if (open) segments.push({ ...open, end });
  const count = db.prepare(
    `SELECT type, COUNT(*) AS n, COALESCE(SUM(json_extract(body, '$.amount')), 0) AS amount FROM events
     WHERE room_id = ? AND ts BETWEEN ? AND ? AND type IN ('product_exposure', 'product_click', 'order_created')
       AND json_extract(body, '$.productId') = ? GROUP BY type`,
  );
  return segments.map((seg) => {
    const rows = count.all(roomId, seg.start, seg.end, seg.productId) as { type: string; n: number; amount: number }[];
    const by = (t: string) => rows.find((r) => r.type === t);
    return {
      ...seg,
      durationSeconds: Math.round((seg.end - seg.start) / 1000),
      exposures: by('product_exposure')?.n ?? 0,
      clicks: by('product_click')?.n ?? 0,
      orders: by('order_created')?.n ?? 0,
      gmv: Math.round((by('order_created')?.amount ?? 0) * 100) / 100,
    };
  });
}
