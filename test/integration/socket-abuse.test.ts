// Issue 9, socket abuse: command budgets per connection and per seat (acks answer `rate_limited`), a cap on
// open cues, and a socket that stops reading is dropped instead of buffered without bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_OPEN_CUES_PER_ROOM,
  SEAT_COMMAND_BURST,
  SOCKET_COMMAND_BURST,
  SOCKET_RESYNC_BURST,
} from '../../shared/constants.ts';
import { connectLive, type LiveSocket, once } from '../helpers/live-client.ts';
import { createRoom, FakeClock, startServer, type TestServer } from '../helpers/server.ts';

const T0 = Date.UTC(2026, 0, 1, 12);
const clock = new FakeClock(T0);
let s: TestServer;
const sockets: LiveSocket[] = [];

beforeAll(async () => {
  s = await startServer({ clock, autoTick: false });
});
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await s.close();
});

async function open(roomId: string, token: string): Promise<LiveSocket> {
  const so = connectLive(s.url, roomId, token);
  sockets.push(so);
  await once(so, 'room:snapshot');
  return so;
}

type AckLike = { ok: boolean; error?: { code: string } };
const codes = (acks: AckLike[]) => acks.map((a) => (a.ok ? 'ok' : a.error!.code));

describe('socket command budgets', () => {
  it('answers rate_limited to a resync flood, and refills with time', async () => {
    const room = await createRoom(s);
    const viewer = await open(room.id, room.tokens.viewer);
    const acks = (await Promise.all(
      Array.from({ length: 40 }, () => viewer.emitWithAck('room:resync', {})),
    )) as AckLike[];
    const c = codes(acks);
    expect(c.slice(0, SOCKET_RESYNC_BURST)).toEqual(Array(SOCKET_RESYNC_BURST).fill('ok'));
    expect(c.slice(SOCKET_RESYNC_BURST)).toEqual(Array(40 - SOCKET_RESYNC_BURST).fill('rate_limited'));
    clock.advance(2000);
    expect(((await viewer.emitWithAck('room:resync', {})) as AckLike).ok).toBe(true);
  });

  it('limits cue pushes per connection and per seat, and caps open cues per room', async () => {
    const room = await createRoom(s);
    const a1 = await open(room.id, room.tokens.assistant);
    const push = (so: LiveSocket, i: number) =>
      so.emitWithAck('cue:push', { text: `提示${i}`, priority: 'normal' }) as Promise<AckLike>;
    const first = codes(await Promise.all(Array.from({ length: 100 }, (_, i) => push(a1, i))));
    expect(first.filter((x) => x === 'ok').length).toBe(SOCKET_COMMAND_BURST);
    expect(first.slice(SOCKET_COMMAND_BURST).every((x) => x === 'rate_limited')).toBe(true);
    // A second screen of the same seat has its own connection budget but shares the seat's.
    const a2 = await open(room.id, room.tokens.assistant);
    const second = codes(await Promise.all(Array.from({ length: 100 }, (_, i) => push(a2, i))));
    const sent = first.concat(second).filter((x) => x !== 'rate_limited').length;
    expect(sent).toBe(SEAT_COMMAND_BURST);
    expect(second).toContain('too_many_cues');
    expect((await s.services.runtime(room.id))!.cues.open().length).toBe(MAX_OPEN_CUES_PER_ROOM);
  });
});

describe('back-pressure', () => {
  it('drops a socket that stops reading, and keeps serving the others', async () => {
    const room = await createRoom(s);
    // Big updates make the buffer grow fast: a catalogue of long product names, renamed at every tick (updates
    // carry what changed, so an unchanged catalogue would not fill it).
    const catalogue = (round: number) =>
      Array.from({ length: 1000 }, (_, i) => ({
        id: `p${i}`,
        name: `商品${i}-${round}`.padEnd(100, '长'),
        price: 1,
        stock: 1,
      }));
    const rt = (await s.services.runtime(room.id))!;
    rt.engine.setCatalogue(catalogue(0));
    const good = await open(room.id, room.tokens.viewer);
    const stuck = await open(room.id, room.tokens.viewer);
    // biome-ignore lint/suspicious/noExplicitAny: reaching the client's TCP socket to stop reading it
    const tcp = (stuck.io.engine as any).transport.ws._socket;
    tcp.pause();
    const nsp = s.io.of('/live');
    const before = nsp.sockets.size;
    let ticks = 0;
    for (; ticks < 3000 && nsp.sockets.size === before; ticks++) {
      rt.engine.setCatalogue(catalogue(ticks + 1));
      s.ticker.tickAll();
      await new Promise((r) => setImmediate(r));
    }
    expect(nsp.sockets.size).toBe(before - 1);
    const next = once(good, 'room:patch');
    s.ticker.tickAll();
    const tick = await next;
    expect(tick.seq).toBeGreaterThan(0);
    tcp.resume();
  });
});
