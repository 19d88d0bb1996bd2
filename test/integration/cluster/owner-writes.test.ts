// Admin writes sent to an instance that does not run the room take effect on the engine of the one that does
// (forwarded there over HTTP): alert rules, the product catalogue, the room's source, an import, a session
// start; reads of the live room (state, active alerts) answer from the owner too. And the owner's periodic
// full snapshot reaches screens connected to the other instance, not only its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../server/alerts/default-rules.ts';
import type { ClusterNode } from '../../../server/cluster/cluster-node.ts';
import type { AlertRule } from '../../../shared/alerts.ts';
import { InProcessCluster } from '../../helpers/cluster-fixture.ts';
import { connectLive, type LiveSocket, once, waitFor, waitForState } from '../../helpers/live-client.ts';
import { REDIS_SERVER } from '../../helpers/private-redis.ts';
import { needs } from '../../helpers/requirements.ts';
import { ADMIN, createRoom, type TestServer } from '../../helpers/server.ts';

const TTL_MS = 3_000;

describe('admin writes at an instance that does not run the room', needs(REDIS_SERVER), () => {
  let cluster: InProcessCluster;
  let servers: TestServer[];
  const sockets: LiveSocket[] = [];
  let owner: TestServer;
  let other: TestServer;
  let room: Awaited<ReturnType<typeof createRoom>>;
  let screen: LiveSocket;

  const runs = InProcessCluster.runs;
  const until = (pred: () => boolean, timeoutMs?: number) => cluster.until(pred, timeoutMs);

  /** A real HTTP request to the instance that does not run the room. */
  const call = (method: string, path: string, body?: unknown, type = 'application/json') =>
    fetch(`${other.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, ...(body === undefined ? {} : { 'content-type': type }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const ownerRuntime = () => owner.services.registry.loaded(room.id)!;

  beforeAll(async () => {
    cluster = await InProcessCluster.start(['a', 'b'], { prefix: 'writes:', leaseTtlMs: TTL_MS });
    servers = cluster.servers;
    room = await createRoom(servers[0]!, 'forwarded writes');
    await until(() => servers.some((s) => runs(s, room.id)));
    [owner, other] = runs(servers[0]!, room.id) ? [servers[0]!, servers[1]!] : [servers[1]!, servers[0]!];
    screen = connectLive(other.url, room.id, room.tokens.controller);
    sockets.push(screen);
    await once(screen, 'room:snapshot', 10_000);
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await cluster?.close();
  });

  it('alert rules: the owner judges by the new rules, and every alert seat hears them', async () => {
    const rules: AlertRule[] = DEFAULT_RULES.map((r) => (r.id === 'negative-surge' ? { ...r, enabled: false } : r));
    const heard = once(screen, 'alert:rules', 10_000);
    const res = await call('PUT', `/api/rooms/${room.id}/alert-rules`, rules);
    expect(res.status).toBe(200);
    expect(ownerRuntime().alerts.rules).toEqual(rules);
    expect((await heard).rules).toEqual(rules);
    const alerts = await call('GET', `/api/rooms/${room.id}/alerts`);
    expect(alerts.status).toBe(200);
  });

  it('product catalogue: the owner engine has it', async () => {
    const products = [{ id: 'p1', name: '保温杯', price: 59, stock: 100 }];
    const res = await call('PUT', `/api/rooms/${room.id}/products`, products);
    expect(res.status).toBe(200);
    expect(ownerRuntime().engine.catalogue()).toEqual(products);
  });

  it('source config: the source runs on the owner, its health answered from there', async () => {
    const res = await call('PUT', `/api/rooms/${room.id}/source`, { kind: 'simulator', seed: 7, speed: 1 });
    expect(res.status).toBe(200);
    expect(ownerRuntime().driver).not.toBeNull();
    expect(other.services.registry.loaded(room.id)).toBeNull();
    const off = await call('PUT', `/api/rooms/${room.id}/source`, { kind: 'none' });
    expect(off.status).toBe(200);
    expect(ownerRuntime().driver).toBeNull();
  });

  it('an import goes into the owner engine and onto the screen at the other instance', async () => {
    const before = ownerRuntime().state(Date.now()).likes;
    const t0 = Date.now() - 60_000;
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ type: 'like', ts: t0 + i * 100, count: 1, id: `imp-${i}` }),
    ).join('\n');
    const res = await call('POST', `/api/rooms/${room.id}/import?format=ndjson&speed=0`, lines, 'application/x-ndjson');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(40);
    expect(ownerRuntime().state(Date.now()).likes).toBe(before + 40);
    await waitForState(screen, (st) => st.likes === before + 40, 10_000);
    const state = await call('GET', `/api/rooms/${room.id}/state`);
    expect(state.status).toBe(200);
    expect(((await state.json()) as { likes: number }).likes).toBe(before + 40);
  });

  it('a command from a screen at the other instance runs on the owner, and a resync answers from there', async () => {
    const res = await screen.emitWithAck('cue:push', { text: '讲一下保温杯', priority: 'normal' });
    expect(res.ok).toBe(true);
    const cueId = res.ok ? res.data.cue.id : '';
    expect(JSON.stringify(ownerRuntime().cues.checkpoint())).toContain(cueId);
    const snap = await screen.emitWithAck('room:resync', {});
    expect(snap.ok && snap.data.cues?.some((c) => c.id === cueId)).toBe(true);
  });

  it('the periodic full snapshot reaches screens on every instance', async () => {
    // A screen on each instance; the owner's clock ticks by hand until its full-snapshot tick comes round.
    const local = connectLive(owner.url, room.id, room.tokens.viewer);
    sockets.push(local);
    await once(local, 'room:snapshot', 10_000);
    const [there, here] = [
      waitFor(screen, 'room:snapshot', () => true, 10_000),
      waitFor(local, 'room:snapshot', () => true, 10_000),
    ];
    for (let i = 0; i < 300; i++) owner.ticker.tickAll();
    expect((await there).state.roomId).toBe(room.id);
    expect((await here).state.roomId).toBe(room.id);
  });

  it('a write to a room just created waits for its first owner instead of answering 503', async () => {
    const fresh = await createRoom(owner, 'just created');
    const products = [{ id: 'p2', name: '围巾', price: 99, stock: 5 }];
    const res = await fetch(`${other.url}/api/rooms/${fresh.id}/products`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(products),
    });
    expect(res.status).toBe(200);
    const runner = servers.find((s) => runs(s, fresh.id))!;
    expect(runner.services.registry.loaded(fresh.id)!.engine.catalogue()).toEqual(products);
  });

  it('failed authentication through a forward counts against the client, never the forwarding instance', async () => {
    const failures = (s: TestServer) =>
      (s.services.authFailures as unknown as { byAddress: Map<string, unknown> }).byAddress;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${other.url}/api/rooms/${room.id}/state`, { headers: { authorization: 'Bearer nope' } });
      expect(res.status).toBe(401);
    }
    // Counted where the client is (the forwarding instance), not on the owner, which saw the forwarder only.
    expect(failures(other).size).toBe(1);
    expect(failures(owner).size).toBe(0);
    // A client cannot pass for a peer by naming the header.
    const posing = await fetch(`${owner.url}/api/rooms/${room.id}/state`, {
      headers: { authorization: 'Bearer nope', 'x-cluster-forwarded': 'x' },
    });
    expect(posing.status).toBe(401);
    expect(failures(owner).size).toBe(1);
  });

  it('when the owner dies, the room and its source start on the other instance; requests meanwhile wait', async () => {
    const set = await call('PUT', `/api/rooms/${room.id}/source`, { kind: 'simulator', seed: 3, speed: 1 });
    expect(set.status).toBe(200);
    (owner.services.cluster as ClusterNode).halt();
    await until(() => !owner.services.registry.mayAct(room.id));
    // Asked at the instance about to take over: it waits for the room's next owner rather than failing.
    const res = await call('GET', `/api/rooms/${room.id}/state`);
    expect(res.status).toBe(200);
    await until(() => runs(other, room.id) && other.services.registry.loaded(room.id)!.driver !== null);
  });
});
