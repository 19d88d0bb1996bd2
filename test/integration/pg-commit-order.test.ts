// Several instances share one PostgreSQL store (the clustered mode): a room's owner applies the store's events
// after the last seq it applied, so a room's events must become visible in seq order. Two writers on one schema
// append to one room at once while a reader follows the room by seq: nothing may appear behind what it saw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/ports.ts';
import { postgresBackend } from '../helpers/backends.ts';
import { needs } from '../helpers/requirements.ts';

const T = Date.UTC(2026, 0, 5, 12);

describe('PostgreSQL: a room’s events commit in seq order across writers', needs(postgresBackend.requirement!), () => {
  let a: Storage;
  let b: Storage;
  let fresh: Awaited<ReturnType<typeof postgresBackend.fresh>>;
  beforeAll(async () => {
    fresh = await postgresBackend.fresh();
    a = fresh.storage;
    b = await fresh.reopen();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fresh?.drop();
  });

  it('a reader following by seq never finds an event behind one it already saw', { timeout: 60_000 }, async () => {
    const { room } = await a.rooms.create('共享', T);
    let writing = true;
    let n = 0;
    const writer = async (s: Storage, tag: string) => {
      for (let i = 0; i < 150; i++) {
        // Several appends in one turn share a group commit; a bigger batch holds its transaction longer.
        const size = 1 + (i % 7) * 20;
        const events = Array.from({ length: size }, (_, k) => ({
          type: 'like' as const,
          ts: T + n++,
          count: 1,
          id: `${tag}${i}-${k}`,
        }));
        await s.writer.append(room.id, events);
      }
    };
    let seen = 0;
    let behind = 0;
    let read = 0;
    const follower = async () => {
      while (writing) {
        const page = await a.reader.eventsPage(room.id, seen, 10_000);
        read += page.seqs.length;
        if (page.seqs.length) seen = page.seqs[page.seqs.length - 1]!;
        // Anything in the store at or below `seen` that the follower did not read was committed late.
        const total = await a.reader.countEvents(room.id);
        const after = await a.reader.countEventsAfter(room.id, seen);
        behind = Math.max(behind, total - after - read);
      }
    };
    const follow = follower();
    await Promise.all([writer(a, 'a'), writer(b, 'b')]);
    writing = false;
    await follow;
    expect(behind).toBe(0);
  });
});
