// What the outlook stores and reads, on every backend: session targets are journal entries (kind `targets`), the
// latest holding after a reopen too; the 复盘's cohorts read entries, departures and counters in (ts, seq) pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestTargets, storeTargets } from '../../server/outlook/targets.ts';
import { AUDIENCE_PAGE, type Storage } from '../../server/storage/ports.ts';
import type { LiveEvent } from '../../shared/events.ts';
import { BACKENDS, type BackendCase } from '../helpers/backends.ts';
import { needs } from '../helpers/requirements.ts';

for (const backend of BACKENDS) targetsStore(backend);

function targetsStore(backend: BackendCase) {
  describe(`targets store: ${backend.name}`, backend.requirement ? needs(backend.requirement) : {}, () => {
    let s: Storage;
    let store: Awaited<ReturnType<BackendCase['fresh']>>;
    beforeAll(async () => {
      store = await backend.fresh();
      s = store.storage;
    });
    afterAll(async () => {
      await s?.close();
      await store?.drop();
    });

    it('keeps the latest targets of a room, apart from its alerts, and after a reopen', async () => {
      const { room } = await s.rooms.create('目标', 1);
      expect(await latestTargets(s.journal, room.id)).toBeNull();
      await storeTargets(s.journal, room.id, 1000, 'controller', { gmv: 5000 });
      await s.journal.append(room.id, 1500, 'alert', { x: 1 });
      await storeTargets(s.journal, room.id, 2000, 'admin', { gmv: 8000, orders: 60 });
      expect(await latestTargets(s.journal, room.id)).toEqual({ gmv: 8000, orders: 60 });
      await s.close();
      s = await store.reopen();
      expect(await latestTargets(s.journal, room.id)).toEqual({ gmv: 8000, orders: 60 });
      expect((await s.journal.list(room.id, 'targets')).map((e) => e.ts)).toEqual([1000, 2000]);
    });

    it('pages a session’s audience events in (ts, seq) order, only those types, only inside it', async () => {
      const { room } = await s.rooms.create('观众', 1);
      const T = 1_000_000;
      const events: LiveEvent[] = [];
      // More than two pages, many sharing a millisecond, with other types and events outside the range mixed in.
      for (let i = 0; i < AUDIENCE_PAGE * 2 + 300; i++) {
        const ts = T + Math.floor(i / 7);
        events.push({ type: i % 2 ? 'viewer_leave' : 'viewer_enter', ts, userId: `u${i >> 1}`, id: `e${i}` });
        if (i % 100 === 0) events.push({ type: 'like', ts, count: 1, id: `l${i}` });
      }
      events.push({ type: 'online_count', ts: T + 5, count: 9, id: 'g' });
      events.push({ type: 'viewer_enter', ts: T - 1, userId: 'before', id: 'b' });
      events.push({ type: 'explain_start', ts: T + 100_000, productId: 'p', id: 'late' });
      await s.writer.append(room.id, events);
      const got: LiveEvent[] = [];
      let pages = 0;
      for await (const page of s.replay.audienceEvents(room.id, T, T + 99_999)) {
        pages++;
        got.push(...page);
      }
      expect(pages).toBe(3);
      const want = events.filter((e) => e.ts >= T && e.ts <= T + 99_999 && e.type !== 'like');
      want.sort((a, b) => a.ts - b.ts); // stable: same-ts events keep their append (seq) order
      expect(got.map((e) => e.id)).toEqual(want.map((e) => e.id));
    });
  });
}
