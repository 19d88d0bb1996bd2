// Sessions of a room and the room's screen at any moment of one: the replay reads these.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { MAX_EVENT_TS_MS } from '../../shared/constants.ts';
import { SessionInfoSchema } from '../../shared/replay.ts';
import { RoomStateSchema } from '../../shared/state.ts';
import { HttpError } from '../http/errors.ts';
import { cellsToCsv } from '../replay/csv.ts';
import { csvRows, DEFAULT_CSV_TIME_ZONE, isTimeZone, minuteColumns, PRODUCT_COLUMNS } from '../replay/csv-columns.ts';
import { buildReport } from '../replay/report.ts';
import { listSessions, parseSessionId, type SessionInfo } from '../replay/sessions.ts';
import { runtimeOf } from '../runtime-of.ts';
import type { Services } from '../services.ts';
import { ReportSchema } from './report-schema.ts';
import { errors, RoomParams } from './schemas.ts';

/** The room a `:sid` route's action is on (its permission is checked there); no such session id: 404. */
export function sessionRoom(req: FastifyRequest): string {
  const { sid } = req.params as { sid: string };
  const parsed = parseSessionId(sid);
  if (!parsed) throw new HttpError(404, 'unknown_session', `no session ${sid}`);
  return parsed.roomId;
}
const READ_SESSION = { action: 'sessions.read', roomOf: sessionRoom } as const;

/**
 * The room's sessions once the room is rebuilt here: its current session is read from the live engine, and the
 * rebuild has stored again what a kill may have lost (the open second, each session's last state). A room
 * another instance runs (clustered) is read from the store alone.
 */
async function roomSessions(services: Services, roomId: string): Promise<SessionInfo[]> {
  const runtime = await services.runtime(roomId);
  if (runtime?.rebuilding) await services.registry.ready(runtime);
  return listSessions(services.storage.replay, services.reader, roomId, services.liveSessions);
}

export async function findSession(services: Services, sid: string): Promise<SessionInfo> {
  const parsed = parseSessionId(sid);
  if (!parsed || !(await services.rooms.get(parsed.roomId)))
    throw new HttpError(404, 'unknown_session', `no session ${sid}`);
  const sessions = await roomSessions(services, parsed.roomId);
  const session = sessions.find((s) => s.start === parsed.start);
  if (!session) throw new HttpError(404, 'unknown_session', `no session ${sid}`);
  return session;
}

export const sessionRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/api/rooms/:id/sessions',
    {
      config: { action: 'sessions.read' },
      schema: { params: RoomParams, response: { 200: Type.Array(SessionInfoSchema), ...errors } },
    },
    async (req) => roomSessions(services, req.params.id),
  );

  // An explicit start or end, stamped with the room's clock and stored on the timeline like any event.
  app.post(
    '/api/rooms/:id/session',
    {
      config: { onOwner: true, action: 'session.mark' },
      schema: {
        params: RoomParams,
        body: Type.Object(
          { action: Type.Union([Type.Literal('start'), Type.Literal('end')]) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ ts: Type.Number() }), ...errors },
      },
    },
    async (req) => {
      const runtime = await runtimeOf(services, req.params.id);
      const ts = Math.round(runtime.timeAt(services.clock.now()));
      await services.pipeline.ingestEvents(runtime, [{ type: `session_${req.body.action}`, ts }], { checkTime: false });
      return { ts };
    },
  );

  const Sid = Type.Object({ sid: Type.String({ maxLength: 80 }) });

  app.get(
    '/api/sessions/:sid/report',
    { config: READ_SESSION, schema: { params: Sid, response: { 200: ReportSchema, ...errors } } },
    async (req) => buildReport(services, await findSession(services, req.params.sid)),
  );

  app.get(
    '/api/sessions/:sid/report.csv',
    {
      config: READ_SESSION,
      schema: {
        params: Sid,
        querystring: Type.Object({
          table: Type.Union([Type.Literal('minutes'), Type.Literal('products')]),
          /** The first header row's language; the second row keeps the machine names. */
          lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
          /** IANA time zone of the times (default Asia/Shanghai). */
          tz: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: Type.String({ description: 'CSV text' }), ...errors },
      },
    },
    async (req, reply) => {
      const tz = req.query.tz ?? DEFAULT_CSV_TIME_ZONE;
      if (!isTimeZone(tz)) throw new HttpError(400, 'invalid_field', `unknown time zone ${tz}`);
      const lang = req.query.lang ?? 'zh';
      const report = await buildReport(services, await findSession(services, req.params.sid));
      const csv =
        req.query.table === 'minutes'
          ? cellsToCsv(csvRows(report.minutes, minuteColumns(tz), lang))
          : cellsToCsv(csvRows(report.products, PRODUCT_COLUMNS, lang));
      const name = `${req.params.sid}-${req.query.table}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(csv as never);
    },
  );

  app.get(
    '/api/sessions/:sid/state',
    {
      config: READ_SESSION,
      schema: {
        params: Sid,
        querystring: Type.Object({ at: Type.Integer({ minimum: 0, maximum: MAX_EVENT_TS_MS }) }),
        // The stored RoomState JSON text goes out byte for byte as the screens received it: Fastify sends a
        // string as is, so this schema documents the answer without re-serialising it.
        response: { 200: RoomStateSchema, ...errors },
      },
    },
    async (req, reply) => {
      const session = await findSession(services, req.params.sid);
      if (req.query.at < session.start || req.query.at > session.end + 60_000) {
        throw new HttpError(
          400,
          'out_of_session',
          `at must lie within the session (${session.start} … ${session.end})`,
        );
      }
      const row =
        (await services.reader.screenAt(session.roomId, req.query.at)) ??
        (await services.reader.firstStateFrom(session.roomId, session.start));
      if (!row) throw new HttpError(404, 'no_state', 'no stored state at that moment');
      // Stored as the screens received it: send the JSON text as is (no re-serialisation, byte-identical).
      return reply.type('application/json').send(row.body as never);
    },
  );
};
