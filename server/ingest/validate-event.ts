// The ingest edge: one compiled TypeBox checker per event type, so an event is judged against the schema
// its own `type` names and the error says which field is wrong. A bad event rejects only itself.
import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { MAX_EVENT_AGE_MS, MAX_EVENT_FUTURE_MS, MAX_EVENT_TS_MS, MIN_EVENT_TS_MS } from '../../shared/constants.ts';
import { EventSchemas, type EventType, isEventType, type LiveEvent } from '../../shared/events.ts';
import { hasControlChars as hasControlText } from '../../shared/text/control-chars.ts';

const checkers = Object.fromEntries(
  Object.entries(EventSchemas).map(([type, schema]) => [type, TypeCompiler.Compile(schema as TSchema)]),
) as unknown as Record<EventType, TypeCheck<TSchema>>;

export type Verdict = { ok: true; event: LiveEvent } | { ok: false; code: string; message: string };

export interface TimeBounds {
  /** Wall time at the edge; events must lie within [now - MAX_EVENT_AGE_MS, now + MAX_EVENT_FUTURE_MS]. */
  now: number;
}

export function validateEvent(value: unknown, bounds: TimeBounds | null): Verdict {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: 'not_an_object', message: 'each event must be a JSON object' };
  }
  const type = (value as { type?: unknown }).type;
  if (!isEventType(type)) {
    const shown = typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : String(type);
    return { ok: false, code: 'unknown_type', message: `unknown event type ${shown}` };
  }
  const ts = (value as { ts?: unknown }).ts;
  if (typeof ts === 'number' && !(ts >= MIN_EVENT_TS_MS && ts <= MAX_EVENT_TS_MS)) {
    return {
      ok: false,
      code: 'ts_out_of_range',
      message: `ts ${ts} lies outside 2000-01-01 … 2100-01-01 (ms since the epoch); is it in seconds or µs?`,
    };
  }
  const checker = checkers[type];
  if (!checker.Check(value)) {
    const first = checker.Errors(value).First();
    const where = first?.path ? first.path.slice(1) || 'event' : 'event';
    return { ok: false, code: 'invalid_field', message: `${type}: ${where}: ${first?.message ?? 'invalid'}` };
  }
  const event = value as LiveEvent;
  if (bounds && (event.ts < bounds.now - MAX_EVENT_AGE_MS || event.ts > bounds.now + MAX_EVENT_FUTURE_MS)) {
    return {
      ok: false,
      code: 'ts_out_of_range',
      message: `ts ${event.ts} is more than 24 h in the past or 5 min in the future of server time ${bounds.now}; use the import route for recordings`,
    };
  }
  if (event.type === 'counters' && event.fromTs !== undefined && event.fromTs > event.ts) {
    return { ok: false, code: 'invalid_field', message: 'counters: fromTs must not be after ts' };
  }
  if (hasControlChars(event)) {
    return { ok: false, code: 'invalid_text', message: `${type}: text fields must not contain control characters` };
  }
  return { ok: true, event };
}

function hasControlChars(e: LiveEvent): boolean {
  for (const v of Object.values(e)) if (typeof v === 'string' && hasControlText(v)) return true;
  return false;
}
