// Socket commands: each one checks the seat's right, validates its payload, delegates to the room and answers
// with a typed ack. Type hints are not validation: payloads are checked with TypeBox like HTTP bodies.
import { type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { MAX_OPEN_CUES_PER_ROOM } from '../../shared/constants.ts';
import { fillTemplate, needsProduct } from '../../shared/cue-template.ts';
import { CuePushSchema } from '../../shared/cues.ts';
import {
  type Ack,
  type ClientToServerEvents,
  COMMAND_SEATS,
  type Seat,
  SNOOZE_MINUTES,
} from '../../shared/protocol.ts';
import { hasControlChars } from '../../shared/text/control-chars.ts';
import type { RoomRuntime } from '../rooms/room-runtime.ts';
import type { Services } from '../services.ts';
import { cueAckedForQuestions, markAction, questionClose, questionCue, questionSchemas } from './question-commands.ts';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const schemas = {
  'alert:ack': Type.Object({ alertId: Id }),
  'alert:snooze': Type.Object({ alertId: Id, minutes: Type.Union(SNOOZE_MINUTES.map((m) => Type.Literal(m))) }),
  'cue:push': CuePushSchema,
  'cue:cancel': Type.Object({ cueId: Id }),
  'cue:ack': Type.Object({ cueId: Id }),
  'cue:seen': Type.Object({ cueId: Id, phase: Type.Union([Type.Literal('delivered'), Type.Literal('shown')]) }),
  ...questionSchemas,
} satisfies Partial<Record<keyof ClientToServerEvents, TSchema>>;
type Command = keyof typeof schemas;
const checkers = Object.fromEntries(Object.entries(schemas).map(([k, s]) => [k, TypeCompiler.Compile(s as TSchema)]));

export type CommandResult = Ack<unknown>;
const NOT_OPEN = 'cue is not open (already acknowledged, cancelled or expired)';
const fail = (code: string, message: string): CommandResult => ({ ok: false, error: { code, message } });

/** Runs one command for a seat. Exported for tests and for the HTTP twin of cue:push if one is added. */
export function runCommand(
  name: Command,
  payload: unknown,
  seat: Seat,
  runtime: RoomRuntime,
  services: Services,
): CommandResult | Promise<CommandResult> {
  if (!(COMMAND_SEATS[name] as readonly string[]).includes(seat)) {
    return fail('forbidden', `the ${seat} seat may not send ${name}; allowed: ${COMMAND_SEATS[name].join(', ')}`);
  }
  const checker = checkers[name]!;
  if (!checker.Check(payload)) {
    const e = checker.Errors(payload).First();
    return fail('invalid_payload', `${name}: ${e?.path.slice(1) || 'payload'}: ${e?.message ?? 'invalid'}`);
  }
  const ts = runtime.timeAt(services.clock.now());
  const p = payload as { alertId: string; cueId: string; minutes: 5 | 10 | 30; phase: 'delivered' | 'shown' };
  switch (name) {
    case 'alert:ack':
      return alertResult(runtime.alerts.ack(p.alertId, seat, ts), runtime, services);
    case 'alert:snooze':
      return alertResult(runtime.alerts.snooze(p.alertId, p.minutes, ts), runtime, services);
    case 'cue:push':
      return pushCue(payload as Parameters<ClientToServerEvents['cue:push']>[0], seat, runtime, services, ts);
    case 'cue:cancel':
      return cueResult(runtime.cues.cancel(p.cueId, ts), runtime, services, NOT_OPEN);
    case 'cue:ack': {
      const res = cueResult(runtime.cues.ack(p.cueId, ts), runtime, services, NOT_OPEN);
      if (res.ok) cueAckedForQuestions(p.cueId, runtime, services, ts);
      return res;
    }
    case 'cue:seen':
      return cueResult(runtime.cues.seen(p.cueId, p.phase, ts), runtime, services, 'nothing to record', true);
    case 'question:cue':
      return questionCue(payload as { questionId: string }, runtime, services, (text, priority, productId) =>
        pushCue({ text, priority, ...(productId ? { productId } : {}) }, seat, runtime, services, ts),
      );
    case 'question:answer':
    case 'question:ignore':
      return questionClose(
        name === 'question:answer' ? 'answer' : 'ignore',
        (payload as { questionId: string }).questionId,
        runtime,
        services,
        ts,
      );
    case 'action:mark':
      return markAction(payload as Parameters<typeof markAction>[0], seat, runtime, services, ts);
  }
}

function alertResult(
  alert: ReturnType<RoomRuntime['alerts']['ack']>,
  runtime: RoomRuntime,
  services: Services,
): CommandResult {
  if (!alert) return fail('unknown_alert', 'no firing alert with that id');
  services.listeners.alerts(runtime.roomId, [{ type: 'updated', alert }]);
  runtime.notePeopleChange();
  return { ok: true, data: { alert } };
}

function cueResult(
  cue: ReturnType<RoomRuntime['cues']['ack']>,
  runtime: RoomRuntime,
  services: Services,
  why: string,
  quiet = false,
): CommandResult {
  if (!cue) return quiet ? { ok: true, data: { cue: null } } : fail('cue_not_open', why);
  services.listeners.cues(runtime.roomId, [cue]);
  runtime.notePeopleChange();
  return { ok: true, data: { cue } };
}

function pushCue(
  input: Parameters<ClientToServerEvents['cue:push']>[0],
  seat: Seat,
  runtime: RoomRuntime,
  services: Services,
  ts: number,
): CommandResult {
  if (hasControlChars(input.text)) return fail('invalid_text', 'cue text must not contain control characters');
  if (runtime.cues.full()) {
    return fail('too_many_cues', `at most ${MAX_OPEN_CUES_PER_ROOM} open cues per room; cancel or wait for some`);
  }
  // Typed by hand, a product placeholder with no product picked used to take the one explained now, silently:
  // the sender is asked instead. A forwarded alert keeps that fallback (its panel previews it).
  if (input.alertId === undefined && input.productId === undefined && needsProduct(input.text)) {
    return fail('product_required', 'the cue names a product ({商品名} {价格} {库存}): pick one');
  }
  const now = runtime.engine.alertInput(false);
  const product = runtime.engine.productInfo(input.productId ?? now.explaining);
  // {库存} is the stock left now; unknown stock leaves the placeholder visible rather than a false 0.
  const text = fillTemplate(input.text, {
    ...(product ? { 商品名: product.name, 价格: product.price } : {}),
    ...(product?.stock != null ? { 库存: product.stock } : {}),
    在线人数: now.online,
  });
  const cue = runtime.cues.push(input, text, seat, ts);
  services.listeners.cues(runtime.roomId, [cue], true);
  runtime.notePeopleChange();
  return { ok: true, data: { cue } };
}

export const COMMANDS = Object.keys(schemas) as Command[];
