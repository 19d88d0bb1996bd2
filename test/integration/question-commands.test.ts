// The question queue's and the action ledger's socket commands against the real server: a viewer question is
// queued, sent to the prompter as a cue, answered by the host's ack; errors come back as coded acks; a marked
// action is stored as an event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seat } from '../../shared/protocol.ts';
import { connectLive, heldState, type LiveSocket, once, waitForState } from '../helpers/live-client.ts';
import { createRoom, startServer, type TestServer } from '../helpers/server.ts';

let s: TestServer;
let room: Awaited<ReturnType<typeof createRoom>>;
const sockets: LiveSocket[] = [];
beforeAll(async () => {
  s = await startServer({ tickHz: 10 });
  room = await createRoom(s, '提问队列');
});
afterAll(async () => {
  for (const so of sockets) so.disconnect();
  await s.close();
});

async function seat(name: Seat): Promise<LiveSocket> {
  const so = connectLive(s.url, room.id, room.tokens[name]);
  sockets.push(so);
  await once(so, 'room:snapshot');
  return so;
}

const push = (events: object[]) =>
  fetch(`${s.url}/api/rooms/${room.id}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${room.tokens.ingest}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });

describe('question commands', () => {
  it('queues, cues, answers by the host ack, and refuses what it must', async () => {
    const assistant = await seat('assistant');
    const host = await seat('host');
    const now = Date.now();
    await push([
      { type: 'comment', ts: now, userId: 'a', text: '尺码偏大吗' },
      { type: 'comment', ts: now + 1, userId: 'b', text: '码数偏大么' },
      { type: 'comment', ts: now + 2, userId: 'c', text: '发什么快递' },
    ]);
    await waitForState(assistant, (st) => (st.questions?.length ?? 0) === 2);
    const [top] = heldState(assistant)!.questions!;
    expect(top).toMatchObject({ text: '尺码偏大吗', askers: 2, topic: 'size', status: 'open' });

    expect(await host.emitWithAck('question:cue', { questionId: top!.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await assistant.emitWithAck('question:cue', { questionId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_question' },
    });
    const sent = await assistant.emitWithAck('question:cue', { questionId: top!.id });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.cue.text).toBe('回答：尺码偏大吗（2人问）');
    expect(sent.data.question.status).toBe('cued');

    expect((await host.emitWithAck('cue:ack', { cueId: sent.data.cue.id })).ok).toBe(true);
    await waitForState(assistant, (st) => !st.questions?.some((q) => q.id === top!.id));
    expect(heldState(assistant)!.questionStats).toMatchObject({ questions: 2, answered: 1 });
    expect(await assistant.emitWithAck('question:answer', { questionId: top!.id })).toMatchObject({
      ok: false,
      error: { code: 'question_closed' },
    });
    const other = heldState(assistant)!.questions![0]!;
    expect((await assistant.emitWithAck('question:ignore', { questionId: other.id })).ok).toBe(true);
    await waitForState(assistant, (st) => (st.questions?.length ?? 0) === 0);
  });

  it('stores a marked action as an event', async () => {
    const assistant = await seat('assistant');
    const bad = await assistant.emitWithAck('action:mark', { action: 'rocket' as 'pin' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const res = await assistant.emitWithAck('action:mark', { action: 'flash_sale', productId: 'p1', note: '秒杀话术' });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.event).toMatchObject({ type: 'marked_action', action: 'flash_sale', productId: 'p1' });
    const marks = await s.services.storage.replay.actionMarks(room.id, 0, Date.now() + 60_000);
    expect(marks).toEqual([{ ts: res.data.event.ts, action: 'flash_sale', productId: 'p1', note: '秒杀话术' }]);
  });
});
