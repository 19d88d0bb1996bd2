// Session targets are journal entries (kind `targets`): the latest holds, after a reopen too, on every backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestTargets, storeTargets } from '../../server/outlook/targets.ts';
import type { Storage } from '../../server/storage/ports.ts';
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
  });
}
