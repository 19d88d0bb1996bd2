// A cue sent to the host survives a server restart: the room is checkpointed after a person changes what it
// remembers (cues and alert acks are not in the event timeline), so the snapshot after the restart still has it.
import { afterEach, expect, it } from 'vitest';
import { connectLive, once } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer, tempDir } from '../helpers/server.ts';

let s: TestServer | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

it('keeps an open cue through a restart, in a room that has no events yet', async () => {
  const dataDir = tempDir();
  s = await startServer({ dataDir, tickHz: 4 });
  const room = await createRoom(s, '重启提词');
  const assistant = connectLive(s.url, room.id, room.tokens.assistant);
  await once(assistant, 'room:snapshot');
  const res = await assistant.emitWithAck('cue:push', { text: '福袋三分钟后开', priority: 'normal' });
  expect(res.ok).toBe(true);
  assistant.disconnect();
  await s.close();
  s = await startServer({ dataDir, tickHz: 4 });
  const host = connectLive(s.url, room.id, room.tokens.host);
  const snap = await once(host, 'room:snapshot');
  expect(snap.cues.map((c) => c.text)).toContain('福袋三分钟后开');
  host.disconnect();
});
