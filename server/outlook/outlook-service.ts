// The outlook of every loaded room: recomputed when a minute of event time completes (not per patch), sent to
// the room's screens as `room:outlook` (the band only when it changed), and whole to each screen that joins.
// Its rule gauges go to the room's evaluator. Targets are set over HTTP or the 场控 socket and journaled.
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { COHORT_SPAN_MIN, DEFAULT_PAST_SESSIONS } from '../../shared/outlook/outlook.ts';
import { type TargetsInput, TargetsSchema } from '../../shared/outlook/targets-schema.ts';
import { type Ack, COMMAND_SEATS, LIVE_NAMESPACE } from '../../shared/protocol.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import { commandArgs } from '../realtime/live-namespace.ts';
import { roomChannel } from '../realtime/seat-channels.ts';
import { listSessions } from '../replay/sessions.ts';
import type { RoomListener, RoomRuntime } from '../rooms/room-runtime.ts';
import type { Services } from '../services.ts';
import { buildBand, buildOutlook } from './outlook-build.ts';
import { outlookGauges } from './outlook-rules.ts';
import { PastCurves, readMinutes } from './past-sessions.ts';
import { RoomOutlook } from './room-outlook.ts';
import { latestTargets, storeTargets } from './targets.ts';

const MINUTE_MS = 60_000;

/** How far the session reaches: its latest event, not the room clock (ticks move that on to wall time, so a
 * recording imported at once would otherwise look like a session still running, empty, until today). */
const reach = (rt: RoomRuntime) => rt.lastEventAt ?? rt.engine.now;
const reachOf = (services: Services, roomId: string) => {
  const rt = services.registry.loaded(roomId);
  return rt ? reach(rt) : 0;
};
const checkTargets = TypeCompiler.Compile(TargetsSchema);

export class OutlookService {
  private readonly rooms = new Map<string, RoomOutlook>();
  private readonly curves: PastCurves;
  readonly listener: RoomListener = { alerts() {}, cues() {}, changed: (id) => this.changed(id) };
  /** Settles when the refreshes started so far are done (tests wait on it). */
  idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly services: Services,
    private readonly io: IoServer,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.curves = new PastCurves(services.reader);
    io.of(LIVE_NAMESPACE).on('connection', (socket) => {
      const { roomId, seat } = socket.data;
      const o = this.rooms.get(roomId);
      if (o?.full) socket.emit('room:outlook', o.full);
      else this.changed(roomId);
      // Read as every command is (commandArgs): `emit('room:targets', ack)` without a payload still gets its answer.
      socket.on('room:targets', (...args: unknown[]) => {
        const { payload, ack } = commandArgs(args);
        if (!ack) return;
        if (!(COMMAND_SEATS['room:targets'] as readonly string[]).includes(seat)) {
          return ack({ ok: false, error: { code: 'forbidden', message: `the ${seat} seat may not set targets` } });
        }
        if (!checkTargets.Check(payload)) {
          const e = checkTargets.Errors(payload).First();
          return ack({
            ok: false,
            error: {
              code: 'invalid_payload',
              message: `room:targets: ${e?.path.slice(1) || 'payload'}: ${e?.message}`,
            },
          });
        }
        this.setTargets(roomId, payload, seat).then(ack, (err: unknown) => {
          this.onError(err);
          ack({ ok: false, error: { code: 'internal_error', message: 'the targets were not saved' } });
        });
      });
    });
  }

  /** Store the targets and send the screens the outlook with them at once. */
  async setTargets(roomId: string, targets: TargetsInput, by: string): Promise<Ack<{ targets: TargetsInput }>> {
    const rt = await this.services.runtime(roomId);
    if (!rt) return { ok: false, error: { code: 'unknown_room', message: `no room ${roomId}` } };
    await storeTargets(this.services.journal, roomId, rt.timeAt(this.services.clock.now()), by, targets);
    const o = rt.sessionStart === null ? null : this.entry(rt);
    if (o) {
      o.targets = targets;
      o.past = null; // the number of past sessions may have changed
      this.refresh(rt, o);
    }
    return { ok: true, data: { targets } };
  }

  async targetsOf(roomId: string): Promise<TargetsInput | null> {
    return latestTargets(this.services.journal, roomId);
  }

  private entry(rt: RoomRuntime): RoomOutlook {
    let o = this.rooms.get(rt.roomId);
    if (!o || o.sessionStart !== rt.sessionStart) {
      o = new RoomOutlook(rt.roomId, rt.sessionStart!);
      this.rooms.set(rt.roomId, o);
    }
    // A room rebuilt or taken over is a new runtime: it is told events from then on.
    if (o.attachedTo !== rt) {
      const fresh = o;
      fresh.attachedTo = rt;
      rt.onEvent = (e) => {
        if (rt.sessionStart === fresh.sessionStart) fresh.observe(e);
        else this.entry(rt).observe(e);
      };
    }
    return o;
  }

  private changed(roomId: string): void {
    const rt = this.services.registry.loaded(roomId);
    if (!rt || rt.sessionStart === null) return;
    const o = this.entry(rt);
    const done = Math.floor((reach(rt) - o.sessionStart) / MINUTE_MS);
    if (o.full === null || done > o.today.length) this.refresh(rt, o);
  }

  private refresh(rt: RoomRuntime, o: RoomOutlook): void {
    if (o.busy) {
      o.again = true;
      return;
    }
    o.busy = true;
    const run = this.compute(rt, o)
      .catch(this.onError)
      .finally(() => {
        o.busy = false;
        if (o.again) {
          o.again = false;
          this.changed(rt.roomId);
        }
      });
    this.idle = this.idle.then(() => run);
  }

  private async compute(rt: RoomRuntime, o: RoomOutlook): Promise<void> {
    const { services } = this;
    const roomId = rt.roomId;
    await services.writer.flush(); // today's last minute is read from the store
    if (o.targets === undefined) o.targets = await latestTargets(services.journal, roomId);
    if (o.past === null) {
      const n = o.targets?.pastSessions ?? DEFAULT_PAST_SESSIONS;
      const sessions = await listSessions(services.storage.replay, services.reader, roomId);
      const prior = sessions.filter((s) => s.end < o.sessionStart).slice(-n);
      // One session at a time, yielding between them: SQLite reads are synchronous, and ten sessions' states
      // parsed in one turn would hold every screen's update behind them.
      const curves = [];
      for (const s of prior) {
        curves.push(await this.curves.curve(roomId, s));
        await new Promise((r) => setImmediate(r));
      }
      o.past = curves;
    }
    const now = reach(rt);
    const done = Math.floor((now - o.sessionStart) / MINUTE_MS);
    const from = o.today.length;
    if (done > from) o.today.push(...(await readMinutes(services.reader, roomId, o.sessionStart, now, from, done)));
    const key = `${o.past.length}|${JSON.stringify(o.targets)}|${o.explaining}`;
    const bandChanged = key !== o.bandKey || o.band === null;
    if (bandChanged) {
      o.band = buildBand(o.past, o.today, o.targets, o.explaining);
      o.bandKey = key;
    }
    const parts = {
      roomId,
      sessionStart: o.sessionStart,
      at: now,
      past: o.past,
      today: o.today,
      targets: o.targets,
      cohorts: { exact: o.tracker.exact, rows: o.tracker.rows(now, COHORT_SPAN_MIN) },
    };
    const msg = buildOutlook(parts, o.full === null ? 0 : from, o.full === null || bandChanged ? o.band! : undefined);
    o.full = buildOutlook(parts, 0, o.band!);
    rt.outlookGauges = outlookGauges(msg, o.tracker.usual3(now));
    this.io.of(LIVE_NAMESPACE).to(roomChannel(roomId)).emit('room:outlook', msg);
  }

  /** The session's whole cohort table (the 复盘), while the room is loaded. */
  cohortsOf(roomId: string) {
    const o = this.rooms.get(roomId);
    return o ? { exact: o.tracker.exact, rows: o.tracker.all(reachOf(this.services, roomId)) } : null;
  }
}
