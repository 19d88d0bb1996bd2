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
      // A platform's counters (rows 'counters:<type>') replace the single events of a figure they give, as in
      // the engine: a feed's single events of it are then a sample.
      const sum = (t: string, f: 'n' | 'amount') => {
        const counted = rows.find((r) => r.type === `counters:${t}` && Number(r.n) > 0);
        return Number((counted ?? rows.find((r) => r.type === t))?.[f] ?? 0);
      };
      return {
        ...seg,
        durationSeconds: Math.round((seg.end - seg.start) / 1000),
        exposures: sum('product_exposure', 'n'),
        clicks: sum('product_click', 'n'),
        orders: sum('order_created', 'n'),
        gmv: Math.round(sum('order_created', 'amount') * 100) / 100,
      };
    }),
  );
}
