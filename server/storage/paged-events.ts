// A room's events after a position, page by page: the same walk over every backend's eventsPage, so a rebuild
// reads alike on SQLite and PostgreSQL.
import type { LiveEvent } from '../../shared/events.ts';

type PageReader = (roomId: string, afterSeq: number, limit: number) => Promise<{ seqs: number[]; events: LiveEvent[] }>;

export async function* pagedEvents(
  page: PageReader,
  roomId: string,
  afterSeq: number,
  pageSize: number,
): AsyncGenerator<LiveEvent[]> {
  let after = afterSeq;
  for (;;) {
    const { seqs, events } = await page(roomId, after, pageSize);
    if (events.length === 0) return;
    after = seqs[seqs.length - 1]!;
    yield events;
    if (events.length < pageSize) return;
  }
}
