// Replay fidelity: a screen records every live tick of a simulated session; afterwards the replay of that
// session is asked for every second and must equal, field for field, what the live screen had at that second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomState } from '../../shared/state.ts';
import { connectLive, once, onState, waitForState } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
});
afterAll(() => s.close());

describe('replay', () => {
  it('shows at every second exactly the state the live screen received', { timeout: 60_000 }, async () => {
    const room = await createRoom(s, '复盘测试');
    const screen = connectLive(s.url, room.id, room.tokens.viewer);
    await once(screen, 'room:snapshot');
    const live: RoomState[] = [];
    onState(screen, (st) => live.push(st));
    const auth = { authorization: `Bearer ${room.tokens.controller}`, 'content-type': 'application/json' };
    await fetch(`${s.url}/api/rooms/${room.id}/source`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ kind: 'simulator', seed: 5, speed: 20, peakOnline: 300, warmupMs: 5 * 60_000 }),
    });
    await waitForState(screen, () => live.length >= 60, 30_000); // sixty states received, whatever the pace
    await fetch(`${s.url}/api/rooms/${room.id}/source`, { method: 'PUT', headers: auth, body: '{"kind":"none"}' });
    screen.disconnect();
    await s.services.writer.flush();

    const sessions = await (await fetch(`${s.url}/api/rooms/${room.id}/sessions`, { headers: auth })).json();
    expect(sessions).toHaveLength(1);
    const session = sessions[0] as { id: string; start: number; end: number };
    const inSession = live.filter((st) => st.ts >= session.start && st.ts <= session.end);
    expect(inSession.length).toBeGreaterThan(40);
    const replayAt = async (at: number) =>
      (
        await fetch(`${s.url}/api/sessions/${session.id}/state?at=${at}`, { headers: auth })
      ).json() as Promise<RoomState>;
    // Every second of the recorded stretch: the replay equals the last live tick at or before it.
    const from = Math.ceil(inSession[0]!.ts / 1000) * 1000;
    const to = inSession[inSession.length - 1]!.ts;
    let compared = 0;
    for (let t = from; t <= to; t += 1000) {
      const expected = inSession.filter((st) => st.ts <= t).pop()!;
      const got = await replayAt(t);
      expect(got, `second ${t}`).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(60); // 20× speed: ~2 simulated seconds per tick
    const bad = await fetch(`${s.url}/api/sessions/${session.id}/state?at=1`, { headers: auth });
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('out_of_session');
    const foreign = await createRoom(s, '别的');
    const denied = await fetch(`${s.url}/api/sessions/${session.id}/state?at=${from}`, {
      headers: { authorization: `Bearer ${foreign.tokens.viewer}` },
    });
    expect(denied.status).toBe(403);
  });
});
