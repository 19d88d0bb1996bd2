// Explain segments (讲解) of a session, with what happened to that product while it was explained: read from
// the events in the session's time range (the backend keeps this to the session's rows).
import type { ExplainSegment } from '../../shared/replay.ts';
import type { ReplayQueries } from '../storage/ports.ts';

export async function explainSegments(
  queries: ReplayQueries,
  roomId: string,
  start: number,
  end: number,
): Promise<ExplainSegment[]> {
  const marks = await queries.explainMarks(roomId, start, end);
  const segments: { productId: string; start: number; end: number }[] = [];
  let open: { productId: string; start: number } | null = null;
  for (const m of marks) {
    if (open && (m.type === 'explain_end' ? m.productId === open.productId : true)) {
      segments.push({ ...open, end: m.ts });
      open = null;
    }
    if (m.type === 'explain_start') open = { productId: m.productId, start: m.ts };
  }
  if (open) segments.push({ ...open, end });
  return Promise.all(
    segments.map(async (seg) => {
      const rows = await queries.productCounts(roomId, seg.start, seg.end, seg.productId);
      const by = (t: string) => rows.find((r) => r.type === t);
      return {
        ...seg,
        durationSeconds: Math.round((seg.end - seg.start) / 1000),
        exposures: by('product_exposure')?.n ?? 0,
        clicks: by('product_click')?.n ?? 0,
        orders: by('order_created')?.n ?? 0,
        gmv: Math.round((by('order_created')?.amount ?? 0) * 100) / 100,
      };
    }),
  );
}
