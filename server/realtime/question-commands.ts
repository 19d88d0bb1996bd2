// The question queue's and the action ledger's socket commands (commands.ts checks seat and payload first):
// send a question to the prompter, mark it answered or ignored, mark a platform action. Each changes what the
// room remembers, so the screens get an update and the next tick checkpoints.
import { type Static, Type } from '@sinclair/typebox';
import type { EventOf } from '../../shared/events.ts';
import { MARKED_ACTIONS } from '../../shared/events.ts';
import type { Ack, Seat } from '../../shared/protocol.ts';
import { type QuestionEntry, questionCueText } from '../../shared/questions.ts';
import type { RoomRuntime } from '../rooms/room-runtime.ts';
import type { Services } from '../services.ts';

const Id = Type.String({ minLength: 1, maxLength: 200 });
export const questionSchemas = {
  'question:cue': Type.Object(
    { questionId: Id, priority: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('urgent')])) },
    { additionalProperties: false },
  ),
  'question:answer': Type.Object({ questionId: Id }, { additionalProperties: false }),
  'question:ignore': Type.Object({ questionId: Id }, { additionalProperties: false }),
  'action:mark': Type.Object(
    {
      action: Type.Union(MARKED_ACTIONS.map((a) => Type.Literal(a))),
      productId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
      note: Type.Optional(Type.String({ maxLength: 40 })),
    },
    { additionalProperties: false },
  ),
};

const fail = (code: string, message: string): Ack<never> => ({ ok: false, error: { code, message } });
const NO_QUESTION = () => fail('unknown_question', 'no question with that id in this session');
const CLOSED = () => fail('question_closed', 'the question is already answered or ignored');

function changed(runtime: RoomRuntime, services: Services): void {
  runtime.notePeopleChange();
  services.listeners.changed(runtime.roomId);
}

/** `pushCue` is commands.ts's cue sender (templates, caps, journal, broadcast), so a question cue is a cue. */
export function questionCue(
  p: Static<(typeof questionSchemas)['question:cue']>,
  runtime: RoomRuntime,
  services: Services,
  pushCue: (text: string, priority: 'normal' | 'urgent', productId: string | null) => Ack<unknown>,
): Ack<unknown> {
  const book = runtime.engine.questions;
  const q = book?.get(p.questionId);
  if (!book || !q) return NO_QUESTION();
  if (q.status === 'answered' || q.status === 'ignored') return CLOSED();
  const sent = pushCue(questionCueText(q), p.priority ?? 'normal', q.productId);
  if (!sent.ok) return sent;
  const cue = (sent.data as { cue: { id: string } }).cue;
  const question = book.cued(q.id, cue.id)!;
  changed(runtime, services);
  return { ok: true, data: { question, cue } };
}

export function questionClose(
  kind: 'answer' | 'ignore',
  questionId: string,
  runtime: RoomRuntime,
  services: Services,
  ts: number,
): Ack<{ question: QuestionEntry }> {
  const book = runtime.engine.questions;
  if (!book?.get(questionId)) return NO_QUESTION();
  const question = kind === 'answer' ? book.answered(questionId, ts) : book.ignored(questionId);
  if (!question) return CLOSED();
  changed(runtime, services);
  return { ok: true, data: { question } };
}

/** The host acknowledged a cue: a question it carried is answered (nothing happens for other cues). */
export function cueAckedForQuestions(cueId: string, runtime: RoomRuntime, services: Services, ts: number): void {
  if (runtime.engine.questions?.cueAcked(cueId, ts)) changed(runtime, services);
}

let marks = 0;

/** Stored through the ingest pipeline like any event: durable before the ack, in the room's timeline. */
export async function markAction(
  p: Static<(typeof questionSchemas)['action:mark']>,
  seat: Seat,
  runtime: RoomRuntime,
  services: Services,
  ts: number,
): Promise<Ack<{ event: EventOf<'marked_action'> }>> {
  const event: EventOf<'marked_action'> = {
    type: 'marked_action',
    ts: Math.floor(ts),
    id: `m-${seat}-${Math.floor(ts)}-${++marks}`,
    action: p.action,
    ...(p.productId ? { productId: p.productId } : {}),
    ...(p.note ? { note: p.note } : {}),
  };
  const res = await services.pipeline.ingest(runtime, [{ ok: true, value: event }], { checkTime: false });
  if (res.accepted !== 1) return fail('not_stored', 'the action could not be stored; try again');
  return { ok: true, data: { event } };
}
