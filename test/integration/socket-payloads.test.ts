// Issue 16.9: every socket command answers an error ack when its payload is missing or is not an object, over
// a real socket.io client, for each command of the catalogue (cue:push with no payload used to hang); a
// command sent without an ack callback is dropped without throwing, and the socket keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_SEATS, type Seat } from '../../shared/protocol.ts';
import { connectLive, type LiveSocket, once } from '../helpers/live-client.ts';
import { createRoom, FakeClock, startServer, type TestServer } from '../helpers/server.ts';

const clock = new FakeClock(Date.UTC(2026, 0, 1, 12));
let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
const sockets = new Map<Seat, LiveSocket>();

beforeAll(async () => {
  s = await startServer({ clock, autoTick: false });
  room = await createRoom(s);
  for (const seat of ['controller', 'assistant', 'host', 'viewer'] as const) {
    const so = connectLive(s.url, room.id, room.tokens[seat]);
    await once(so, 'room:snapshot');
    sockets.set(seat, so);
  }
});
afterAll(async () => {
  for (const so of sockets.values()) so.disconnect();
  await s.close();
});

type AckLike = { ok: boolean; error?: { code: string; message: string } };
type Loose = { timeout(ms: number): { emitWithAck(name: string, ...args: unknown[]): Promise<AckLike> } };
/** Sends with whatever arguments (none included), as a careless or hostile client would. */
const send = (so: LiveSocket, name: string, ...args: unknown[]) => {
  clock.advance(60_000); // refills the command budgets: this test is about payloads, not rates
  return (so as unknown as Loose).timeout(5_000).emitWithAck(name, ...args);
};
const COMMANDS = Object.keys(COMMAND_SEATS) as (keyof typeof COMMAND_SEATS)[];
const NOT_OBJECTS: [string, unknown[]][] = [
  ['no payload', []],
  ['null', [null]],
  ['a string', ['x']],
  ['a number', [42]],
  ['an array', [[]]],
  ['true', [true]],
];

describe('socket commands without a payload', () => {
  for (const name of COMMANDS) {
    it(`${name} answers invalid_payload for a missing or non-object payload`, async () => {
      const so = sockets.get(COMMAND_SEATS[name][0])!;
      for (const [what, args] of NOT_OBJECTS) {
        const ack = await send(so, name, ...args);
        expect(ack.ok, `${name} with ${what}`).toBe(false);
        expect(ack.error!.code, `${name} with ${what}`).toBe('invalid_payload');
        expect(ack.error!.message).toContain(name);
      }
    });
  }

  it('drops a command sent without an ack, and the socket and server keep answering', async () => {
    const so = sockets.get('controller')!;
    const errors: unknown[] = [];
    so.on('connect_error', (e) => errors.push(e));
    for (const name of COMMANDS) {
      (so as unknown as { emit(n: string, ...a: unknown[]): void }).emit(name);
      (so as unknown as { emit(n: string, ...a: unknown[]): void }).emit(name, { cueId: 'x', alertId: 'y' });
    }
    const pushed = await send(so, 'cue:push', { text: '讲解一下 🔥', priority: 'normal' });
    expect(pushed, JSON.stringify(pushed)).toMatchObject({ ok: true });
    expect(so.connected).toBe(true);
    expect((await send(so, 'room:resync', {})).ok).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a seat that may not send the command is told so, payload or not', async () => {
    const ack = await send(sockets.get('viewer')!, 'cue:push');
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
