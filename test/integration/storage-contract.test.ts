// The storage contract: what every backend must do alike, run against each one (skipped by name when a
// backend's service is not reachable here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../server/storage/ports.ts';
import type { LiveEvent } from '../../shared/events.ts';
import { BACKENDS, type BackendCase } from '../helpers/backends.ts';
import { needs } from '../helpers/requirements.ts';

const T = Date.UTC(2026, 0, 5, 12, 0, 0);
const like = (ts: number, id?: string): LiveEvent => ({ type: 'like', ts, count: 1, ...(id ? { id } : {}) });
const drain = async (it: AsyncIterable<LiveEvent[]>) => {
  const out: LiveEvent[] = [];
  for await (const page of it) out.push(...page);
  return out;
};

for (const backend of BACKENDS) contract(backend);

function contract(backend: BackendCase) {
  describe(`storage contract: ${backend.name}`, backend.requirement ? needs(backend.requirement) : {}, () => {
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
    const test = it;

    test('rooms: create, read back, tokens resolve to their room and seat, settings stored', async () => {
      const { room, tokens } = await s.rooms.create('测试', T);
      expect(await s.rooms.get(room.id)).toEqual(room);
      expect(await s.rooms.tokens(room.id)).toEqual(tokens);
      expect(await s.rooms.resolveToken(tokens.host)).toEqual({ roomId: room.id, role: 'host' });
      expect(await s.rooms.resolveToken('nope')).toBeNull();
      expect(await s.rooms.get('r_000000')).toBeNull();
      await s.rooms.setProducts(room.id, [{ id: 'p1', name: '围巾', price: 99, stock: 3 }]);
      await s.rooms.setSource(room.id, { kind: 'simulator', seed: 1 });
      expect(await s.rooms.alertRules(room.id)).toBeNull();
      await s.rooms.setAlertRules(room.id, [{ id: 'x' }]);
      const again = await s.rooms.get(room.id);
      expect(again?.products).toEqual([{ id: 'p1', name: '围巾', price: 99, stock: 3 }]);
      expect(again?.source).toEqual({ kind: 'simulator', seed: 1 });
      expect(await s.rooms.alertRules(room.id)).toEqual([{ id: 'x' }]);
      await s.rooms.setSource(room.id, null);
      expect((await s.rooms.get(room.id))?.source).toBeNull();
      const demo = await s.rooms.create('demo', T + 1, true);
      expect((await s.rooms.findDemo())?.id).toBe(demo.room.id);
      expect((await s.rooms.list()).map((r) => r.id)).toEqual([room.id, demo.room.id]);
    });

    test('append: committed when it resolves, duplicates by id reported and stored once, per room', async () => {
      const a = (await s.rooms.create('a', T)).room.id;
      const b = (await s.rooms.create('b', T)).room.id;
      // Same turn: one group commit; a repeated id within it and across rooms.
      const [r1, r2, r3] = await Promise.all([
        s.writer.append(a, [like(T, 'e1'), like(T, 'e2'), like(T, 'e1'), like(T)]),
        s.writer.append(a, [like(T, 'e2'), like(T + 1, 'e3')]),
        s.writer.append(b, [like(T, 'e1')]),
      ]);
      const isNew = (seqs: (number | null)[]) => seqs.map((q) => q !== null);
      expect(isNew(r1)).toEqual([true, true, false, true]);
      expect(isNew(r2)).toEqual([false, true]);
      expect(isNew(r3)).toEqual([true]);
      const r4 = await s.writer.append(a, [like(T, 'e3'), like(T)]);
      expect(isNew(r4)).toEqual([false, true]);
      // Seqs grow in commit order, and the pages give them back with the events.
      const seqs = [...r1, ...r2, ...r4].filter((q) => q !== null);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      const page = await s.reader.eventsPage(a, 0, 3);
      expect(page.seqs).toEqual(seqs.slice(0, 3));
      expect(await s.reader.countEventsAfter(a, seqs[2]!)).toBe(2);
      expect(await s.reader.countEvents(a)).toBe(5);
      expect(await s.reader.countEvents(b)).toBe(1);
      const events = await drain(s.reader.events(a));
      expect(events.map((e) => e.id ?? null)).toEqual(['e1', 'e2', null, 'e3', null]);
      expect(events[0]).toEqual(like(T, 'e1'));
      expect(await s.reader.lastSeq(a)).toBeGreaterThan(await s.reader.lastSeq(b));
    });

    test('events come back in commit order across pages, and after a given position', async () => {
      const r = (await s.rooms.create('pages', T)).room.id;
      const n = 12_345;
      const all = Array.from({ length: n }, (_, i) => like(T + i, `p${i}`));
      for (let i = 0; i < n; i += 4000) await s.writer.append(r, all.slice(i, i + 4000));
      const back = await drain(s.reader.events(r));
      expect(back.length).toBe(n);
      expect(back.every((e, i) => e.id === `p${i}`)).toBe(true);
      expect(await drain(s.reader.events(r, await s.reader.lastSeq(r)))).toEqual([]);
    });

    test('states and ticks: stored with the next commit, read as the screen showed them', async () => {
      const r = (await s.rooms.create('states', T)).room.id;
      const sec = T / 1000;
      s.writer.putState(r, { sec, seq: 1, base: null, body: '{"v":1}' });
      s.writer.putState(r, { sec: sec + 1, seq: 2, base: null, body: '{"v":2}' });
      s.writer.putState(r, { sec: sec + 1, seq: 3, base: null, body: '{"v":3}' }); // the same second again: the later one holds
      await s.writer.flush();
      expect(await s.reader.stateAt(r, sec)).toEqual({ sec, seq: 1, body: '{"v":1}' });
      expect(await s.reader.stateAt(r, sec + 5)).toEqual({ sec: sec + 1, seq: 3, body: '{"v":3}' });
      expect(await s.reader.stateAt(r, sec - 1)).toBeNull();
      expect(await s.reader.lastState(r)).toEqual({ sec: sec + 1, seq: 3 });
      expect(await s.reader.firstStateFrom(r, T - 5000)).toEqual({ ts: T + 999, body: '{"v":1}' });
      // No tick: the per-second state before `ts`'s second.
      expect(await s.reader.screenAt(r, T + 2500)).toEqual({ ts: T + 1999, body: '{"v":3}' });
      s.writer.putTick(r, { ts: T + 2100, seq: 7, base: null, body: '{"tick":1}' });
      s.writer.putTick(r, { ts: T + 2600, seq: 8, base: null, body: '{"tick":2}' });
      await s.writer.flush();
      expect(await s.reader.screenAt(r, T + 2500)).toEqual({ ts: T + 2100, body: '{"tick":1}' });
      expect(await s.reader.screenAt(r, T + 9000)).toEqual({ ts: T + 2600, body: '{"tick":2}' });
      // Patches after a keyframe, two of them in one ms: the moment is the keyframe with each applied in order.
      s.writer.putTick(r, { ts: T + 2700, seq: 9, base: 8, body: '[["s","tick",3],["s","n",[1]]]' });
      s.writer.putTick(r, { ts: T + 2700, seq: 10, base: 9, body: '[["p","n",[2],2]]' });
      await s.writer.flush();
      expect(await s.reader.screenAt(r, T + 2650)).toEqual({ ts: T + 2600, body: '{"tick":2}' });
      expect(JSON.parse((await s.reader.screenAt(r, T + 2700))!.body)).toEqual({ tick: 3, n: [2, 1], seq: 10 });
      // A patch that does not follow the frame before it (a lost frame): the per-second state, never a guess.
      s.writer.putTick(r, { ts: T + 2800, seq: 12, base: 11, body: '[["s","tick",4]]' });
      await s.writer.flush();
      expect(await s.reader.screenAt(r, T + 2900)).toEqual({ ts: T + 1999, body: '{"v":3}' });
      // Long after the last tick (no screen was live), a later per-second state wins.
      s.writer.putState(r, { sec: sec + 300, seq: 9, base: null, body: '{"v":9}' });
      await s.writer.flush();
      expect(await s.reader.screenAt(r, T + 302_000)).toEqual({ ts: T + 300_999, body: '{"v":9}' });
      // Per-second states as a chain of patches from the second before; a chain cut short (a second missing)
      // gives the last second it still reaches, under that second.
      s.writer.putState(r, { sec: sec + 301, seq: 10, base: sec + 300, body: '[["s","v",10]]' });
      s.writer.putState(r, { sec: sec + 302, seq: 11, base: sec + 301, body: '[["s","w",1]]' });
      s.writer.putState(r, { sec: sec + 304, seq: 12, base: sec + 303, body: '[["s","v",12]]' });
      await s.writer.flush();
      const at302 = { sec: sec + 302, seq: 11, body: '{"v":10,"w":1}' };
      expect(await s.reader.stateAt(r, sec + 302)).toEqual(at302);
      expect(await s.reader.stateAt(r, sec + 310)).toEqual(at302);
      expect(await s.reader.firstStateFrom(r, T + 301_000)).toEqual({ ts: T + 301_999, body: '{"v":10}' });
    });

    test('journal: entries in append order, by kind, limited', async () => {
      const r = (await s.rooms.create('journal', T)).room.id;
      await Promise.all([
        s.journal.append(r, T + 5, 'cue', { n: 1 }),
        s.journal.append(r, T + 1, 'alert', { n: 2 }),
        s.journal.append(r, T + 3.4, 'cue', { n: 3 }),
      ]);
      expect(await s.journal.list(r)).toEqual([
        { ts: T + 5, kind: 'cue', body: { n: 1 } },
        { ts: T + 1, kind: 'alert', body: { n: 2 } },
        { ts: T + 3, kind: 'cue', body: { n: 3 } },
      ]);
      expect((await s.journal.list(r, 'cue')).map((j) => j.body)).toEqual([{ n: 1 }, { n: 3 }]);
      expect(await s.journal.list(r, undefined, 1)).toHaveLength(1);
    });

    test('replay queries: session marks, explain marks and per-product counts', async () => {
      const r = (await s.rooms.create('replay', T)).room.id;
      const ev = (ts: number, type: string, extra: Record<string, unknown> = {}) =>
        ({ ts, type, ...extra }) as LiveEvent;
      await s.writer.append(r, [
        ev(T, 'explain_start', { productId: 'p1' }),
        ev(T + 1000, 'product_click', { productId: 'p1', userId: 'u1' }),
        ev(T + 2000, 'order_created', { productId: 'p1', orderId: 'o1', amount: 19.9, userId: 'u1' }),
        ev(T + 2500, 'order_created', { productId: 'p2', orderId: 'o2', amount: 5, userId: 'u2' }),
        ev(T + 3000, 'explain_end', { productId: 'p1' }),
        ev(T + 4000, 'session_end'),
        ev(T + 5000, 'like', { count: 1 }),
        ev(T + 5000 + 3_600_000, 'like', { count: 1 }),
      ]);
      const { marks, lastTs, count } = await s.replay.sessionMarks(r, 30 * 60_000);
      expect(marks).toEqual([
        { ts: T, prev: null, n: 1 },
        { ts: T + 5000, prev: T + 4000, n: 7 },
        { ts: T + 3_605_000, prev: T + 5000, n: 8 },
      ]);
      expect({ lastTs, count }).toEqual({ lastTs: T + 3_605_000, count: 8 });
      expect(await s.replay.explainMarks(r, T, T + 10_000)).toEqual([
        { ts: T, type: 'explain_start', productId: 'p1' },
        { ts: T + 3000, type: 'explain_end', productId: 'p1' },
      ]);
      const counts = await s.replay.productCounts(r, T, T + 3000, 'p1');
      expect(counts.sort((x, y) => x.type.localeCompare(y.type))).toEqual([
        { type: 'order_created', n: 1, amount: 19.9 },
        { type: 'product_click', n: 1, amount: 0 },
      ]);
    });

    test('replay queries: marked actions in a time range, in ts order', async () => {
      const r = (await s.rooms.create('marks', T)).room.id;
      await s.writer.append(r, [
        { ts: T + 2000, type: 'marked_action', action: 'coupon' } as LiveEvent,
        { ts: T, type: 'marked_action', action: 'flash_sale', productId: 'p1', note: '秒杀话术' } as LiveEvent,
        { ts: T + 500, type: 'like', count: 1 } as LiveEvent,
        { ts: T + 90_000, type: 'marked_action', action: 'boost_on' } as LiveEvent,
      ]);
      expect(await s.replay.actionMarks(r, T, T + 10_000)).toEqual([
        { ts: T, action: 'flash_sale', productId: 'p1', note: '秒杀话术' },
        { ts: T + 2000, action: 'coupon', productId: null, note: null },
      ]);
    });

    test('admin: rename, archive, replace and revoke a token, usage, delete a room whole', async () => {
      const { room, tokens } = await s.rooms.create('admin', T);
      await s.admin.rename(room.id, '改名');
      await s.admin.setArchived(room.id, T + 5);
      expect(await s.rooms.get(room.id)).toMatchObject({ name: '改名', archivedAt: T + 5 });
      await s.admin.replaceToken(room.id, 'host', 'new-host-token-0123456789');
      expect(await s.rooms.resolveToken(tokens.host)).toBeNull();
      expect(await s.rooms.resolveToken('new-host-token-0123456789')).toEqual({ roomId: room.id, role: 'host' });
      await s.admin.replaceToken(room.id, 'viewer', null);
      expect((await s.rooms.tokens(room.id)).viewer).toBeUndefined();
      await s.writer.append(room.id, [like(T, 'u1'), like(T + 9)]);
      s.writer.putState(room.id, { sec: T / 1000, seq: 1, base: null, body: '{}' });
      s.writer.putTick(room.id, { ts: T + 100, seq: 1, base: null, body: '{}' });
      await s.journal.append(room.id, T, 'rules', {});
      await s.writer.flush();
      expect(await s.admin.usage(room.id)).toEqual({ events: 2, journal: 1, states: 2, firstTs: T, lastTs: T + 9 });
      await s.admin.deleteRoom(room.id);
      expect(await s.rooms.get(room.id)).toBeNull();
      expect(await s.rooms.resolveToken(tokens.ingest)).toBeNull();
      expect(await s.admin.usage(room.id)).toEqual({ events: 0, journal: 0, states: 0, firstTs: null, lastTs: null });
    });

    test('retention: prune a room through a time, other rooms untouched', async () => {
      const r = (await s.rooms.create('prune', T)).room.id;
      const other = (await s.rooms.create('keep', T)).room.id;
      await s.writer.append(r, [like(T), like(T + 1000), like(T + 5000)]);
      await s.writer.append(other, [like(T)]);
      s.writer.putState(r, { sec: T / 1000 + 1, seq: 1, base: null, body: '{}' });
      s.writer.putState(r, { sec: T / 1000 + 5, seq: 2, base: null, body: '{}' });
      s.writer.putTick(r, { ts: T + 1000, seq: 1, base: null, body: '{}' });
      await s.journal.append(r, T + 1000, 'cue', {});
      await s.writer.flush();
      expect(await s.admin.pruneThrough(r, T + 1999)).toBe(2);
      expect(await s.reader.countEvents(r)).toBe(1);
      expect(await s.reader.countEvents(other)).toBe(1);
      expect(await s.reader.stateAt(r, T / 1000 + 4)).toBeNull();
      expect(await s.admin.usage(r)).toMatchObject({ events: 1, journal: 0, states: 1 });
    });

    test('journal fencing: an entry under a token below the room fence is dropped; unfenced ones always stored', async () => {
      const r = (await s.rooms.create('fence', T)).room.id;
      await s.journal.append(r, T, 'alert', { n: 1 }, 5); // no fence yet: stored
      await s.journal.raiseFence(r, 10);
      await s.journal.append(r, T + 1, 'alert', { n: 2 }, 9); // a former owner, late: dropped
      await s.journal.append(r, T + 2, 'alert', { n: 3 }, 10);
      await s.journal.raiseFence(r, 7); // never lowered
      await s.journal.append(r, T + 3, 'alert', { n: 4 }, 8); // dropped
      await s.journal.append(r, T + 4, 'rules', { n: 5 }); // unfenced (an admin's write): stored
      expect((await s.journal.list(r)).map((e) => (e.body as { n: number }).n)).toEqual([1, 3, 5]);
    });

    test('checkpoints: one per room, the newer replaces the older', async () => {
      const r = (await s.rooms.create('cp', T)).room.id;
      expect(await s.checkpoints.latest(r)).toBeNull();
      await s.checkpoints.put(r, 10, 1, Buffer.from('a'));
      await s.checkpoints.put(r, 20, 2, Buffer.from('bb'));
      expect(await s.checkpoints.latest(r)).toEqual({ seq: 20, version: 2, body: Buffer.from('bb') });
      // One that finishes late (encoded off the loop, or a former owner's on its way out) never goes back.
      await s.checkpoints.put(r, 15, 2, Buffer.from('late'));
      expect(await s.checkpoints.latest(r)).toEqual({ seq: 20, version: 2, body: Buffer.from('bb') });
    });

    test('quarantine: events moved off the timeline whole, listed with why, gone with their room', async () => {
      const r = (await s.rooms.create('q', T)).room.id;
      const other = (await s.rooms.create('q2', T)).room.id;
      const [keep, bad, bad2] = await s.writer.append(r, [like(T, 'q1'), like(T + 1, 'q2'), like(T + 2)]);
      const [elsewhere] = await s.writer.append(other, [like(T, 'q3')]);
      // Another room's seq is not this room's to move.
      expect(await s.quarantine.move(r, [bad!, bad2!, elsewhere!], 'far future', T + 9)).toBe(2);
      expect(await s.quarantine.move(r, [bad!], 'again', T + 10)).toBe(0);
      expect((await drain(s.reader.events(r))).map((e) => e.ts)).toEqual([T]);
      expect(await s.reader.countEvents(other)).toBe(1);
      const listed = await s.quarantine.list(r);
      expect(listed.map((q) => [q.seq, q.ts, q.reason, q.at])).toEqual([
        [bad, T + 1, 'far future', T + 9],
        [bad2, T + 2, 'far future', T + 9],
      ]);
      expect(JSON.parse(listed[0]!.body)).toEqual(like(T + 1, 'q2'));
      expect(keep).not.toBeNull();
      await s.admin.deleteRoom(r);
      expect(await s.quarantine.list(r)).toEqual([]);
    });

    test('everything survives a close and reopen', async () => {
      const { room, tokens } = await s.rooms.create('reopen', T);
      await s.writer.append(room.id, [like(T, 'k1')]);
      s.writer.putState(room.id, { sec: T / 1000, seq: 4, base: null, body: '{}' });
      await s.journal.append(room.id, T, 'rules', { by: 'admin' });
      await s.checkpoints.put(room.id, 7, 1, Buffer.from([1, 2, 3]));
      await s.close();
      s = await store.reopen();
      expect(await s.rooms.resolveToken(tokens.viewer)).toEqual({ roomId: room.id, role: 'viewer' });
      expect(await s.reader.countEvents(room.id)).toBe(1);
      expect(await s.writer.append(room.id, [like(T, 'k1')])).toEqual([null]);
      expect(await s.checkpoints.latest(room.id)).toEqual({ seq: 7, version: 1, body: Buffer.from([1, 2, 3]) });
      expect(await s.reader.lastState(room.id)).toEqual({ sec: T / 1000, seq: 4 });
      expect(await s.journal.list(room.id)).toHaveLength(1);
    });
  });
}
