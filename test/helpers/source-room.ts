// A room with one source added over HTTP and a 场控 screen already joined: the connector suites start from
// here, then drive their local protocol server and watch the screen.
import { expect } from 'vitest';
import { connectLive, type LiveSocket, once } from './live-client.ts';
import { createRoom, type TestServer } from './server.ts';

export async function roomWithSource(
  s: TestServer,
  id: string,
  source: Record<string, unknown>,
): Promise<{ room: Awaited<ReturnType<typeof createRoom>>; so: LiveSocket }> {
  const room = await createRoom(s);
  const so = connectLive(s.url, room.id, room.tokens.controller);
  await once(so, 'room:snapshot');
  const res = await s.app.inject({
    method: 'POST',
    url: `/api/rooms/${room.id}/sources`,
    headers: { authorization: `Bearer ${room.tokens.controller}` },
    payload: { id, source },
  });
  expect(res.statusCode).toBe(201);
  return { room, so };
}
