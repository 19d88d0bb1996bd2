// Namespace /live: the handshake names a room and a seat token; the socket joins that room's channel and
// gets a full snapshot at once. Handlers only validate, delegate and answer.
import { LIVE_NAMESPACE, SEATS, type Seat, type SnapshotMessage } from '../../shared/protocol.ts';
import { type ForwardedRequest, NO_OWNER } from '../cluster/cluster-node.ts';
import { tooManyFailures } from '../http/auth-failures.ts';
import { cookieToken, parseCookies } from '../http/seat-cookie.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import type { RoomRuntime } from '../rooms/room-runtime.ts';
import type { Services } from '../services.ts';
import { watchBackPressure } from './back-pressure.ts';
import { socketBroadcaster } from './broadcaster.ts';
import { CommandBudgets, type CommandClass, RATE_LIMITED } from './command-budget.ts';
import { COMMANDS, runCommand } from './commands.ts';
import { installDirectFanout } from './direct-fanout.ts';
import { roomChannel, seatChannel } from './seat-channels.ts';
import { buildSnapshot } from './snapshot.ts';
import type { Ticker } from './ticker.ts';

const REBUILDING = {
  ok: false,
  error: { code: 'rebuilding', message: 'the room is being rebuilt from the store; a snapshot follows' },
} as const;

class HandshakeError extends Error {
  data: { code: string; message: string };
  constructor(code: string, message: string) {
    super(code);
    this.data = { code, message };
  }
}

async function authenticate(
  services: Services,
  auth: unknown,
  cookieHeader: string | undefined,
): Promise<{ roomId: string; seat: Seat }> {
  const { token: given, roomId, seat } = (auth ?? {}) as { token?: unknown; roomId?: unknown; seat?: unknown };
  if (typeof roomId !== 'string' || (given !== undefined && typeof given !== 'string')) {
    throw new HandshakeError('bad_handshake', 'auth must be { roomId, token } or { roomId, seat } with a seat cookie');
  }
  // Browsers authenticate with their seat cookie (HttpOnly, sent with the upgrade request); others with a token.
  const token = given ?? cookieToken(parseCookies(cookieHeader), roomId, seat);
  if (token === null) throw new HandshakeError('unauthorized', 'no token and no seat session for this room');
  const resolved = await services.rooms.resolveToken(token);
  if (!resolved) throw new HandshakeError('unauthorized', 'unknown token');
  if (resolved.roomId !== roomId) throw new HandshakeError('forbidden', 'this token belongs to another room');
  if (!(SEATS as string[]).includes(resolved.role)) {
    throw new HandshakeError('forbidden_seat', `the ${resolved.role} token opens no screen`);
  }
  return { roomId, seat: resolved.role as Seat };
}

/** The client's address as HTTP sees it: behind a trusted proxy, the first X-Forwarded-For entry. */
function clientAddress(h: { address: string; headers: Record<string, unknown> }, trustProxy: boolean): string {
  const forwarded = h.headers['x-forwarded-for'];
  if (!trustProxy || typeof forwarded !== 'string') return h.address;
  return forwarded.split(',')[0]!.trim() || h.address;
}

/**
 * socket.io passes the ack as the last argument: `emit('cue:push', ack)` (no payload) puts the ack where the
 * payload goes. Read it from the end, so a command without a payload still gets its error answer.
 */
export function commandArgs(args: unknown[]): { payload: unknown; ack: ((answer: unknown) => void) | null } {
  const last = args.at(-1);
  const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : null;
  const payload = ack && args.length === 1 ? undefined : args[0];
  return { payload, ack };
}

const isPayload = (p: unknown) => p !== null && typeof p === 'object' && !Array.isArray(p);
const NO_PAYLOAD = (name: string) => ({
  ok: false,
  error: { code: 'invalid_payload', message: `${name}: payload: send an object (an empty one: {})` },
});

export interface NamespaceLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export function registerLiveNamespace(
  io: IoServer,
  services: Services,
  ticker: Ticker,
  log: NamespaceLog = { warn: () => {}, error: () => {} },
) {
  const nsp = io.of(LIVE_NAMESPACE);
  services.listeners.add(socketBroadcaster(io));
  // A room rebuilt in the background: its screens, told so far only that it was rebuilding, get their snapshot.
  services.registry.rebuilt.push((runtime) => ticker.rebuilt(runtime));
  nsp.use((socket, next) => {
    const address = clientAddress(socket.handshake, services.config.trustProxy);
    // The room is loaded (rebuilt if need be) before the connection, so the snapshot on join is complete.
    authenticate(services, socket.handshake.auth, socket.handshake.headers.cookie)
      .then(async (data) => {
        socket.data = data;
        await services.runtime(data.roomId);
        next();
      })
      .catch((err: unknown) => {
        if ((err as HandshakeError).data?.code !== 'unauthorized') return next(err as Error);
        // Locked out, another bad token is told so; a valid one was let through all the same (http/security.ts).
        const wait = services.authFailures.retryAfterMs(address, services.clock.now());
        if (wait > 0) {
          const { code, message } = tooManyFailures(wait);
          return next(new HandshakeError(code, message));
        }
        services.authFailures.fail(address, services.clock.now());
        next(err as Error);
      });
  });
  const budgets = new CommandBudgets();
  nsp.on('connection', (socket) => {
    const { roomId, seat } = socket.data;
    // The room runs here, or (clustered) on another instance, which answers what needs the room.
    const local = () => (services.registry.mayAct(roomId) ? services.registry.loaded(roomId) : null);
    if (!local() && !services.cluster) return socket.disconnect(true);
    const remote = <T>(req: ForwardedRequest, wrap: (answer: unknown) => T) =>
      services.cluster!.ask(req).then((a) => (a === null ? NO_OWNER : wrap(a)));
    services.metrics.screens.inc({ seat });
    socket.on('disconnect', () => services.metrics.screens.dec({ seat }));
    const counted = watchBackPressure(socket, (bytes) =>
      log.warn({ room: roomId, seat, bytes }, 'dropped a socket that stopped reading'),
    );
    installDirectFanout(socket, counted);
    void socket.join([roomChannel(roomId), seatChannel(roomId, seat)]);
    const snapshotOf = (rt: RoomRuntime) => buildSnapshot(rt, seat, ticker.screenState(rt), ticker.intervalMs);
    const resync = () => {
      const rt = local();
      if (rt) return rt.rebuilding ? REBUILDING : { ok: true, data: snapshotOf(rt) };
      return remote({ kind: 'snapshot', roomId, seat }, (data) => ({ ok: true, data }));
    };
    const rebuilding = services.registry.rebuildProgress(roomId);
    const first = local();
    if (rebuilding) socket.emit('room:rebuilding', { roomId, ...rebuilding });
    else if (first) socket.emit('room:snapshot', snapshotOf(first));
    else
      void Promise.resolve(resync()).then((r) => {
        if (r.ok) socket.emit('room:snapshot', r.data as SnapshotMessage);
        else socket.emit('room:rebuilding', { roomId, done: 0, total: 0 });
      });
    const allowed = budgets.forSocket(roomId, seat);
    // Every handler answers: over budget `rate_limited`, a thrown bug `internal_error` (logged), never a crash.
    const answer = (cls: CommandClass, ack: ((answer: unknown) => void) | null, run: () => unknown) => {
      if (!ack) return; // commands are always acknowledged; one sent without an ack is dropped
      if (!allowed(cls, services.clock.now())) return ack(RATE_LIMITED);
      if (local()?.rebuilding) return ack(REBUILDING);
      const failed = (err: unknown) => {
        log.error({ err, room: roomId, seat }, 'socket command failed');
        ack({ ok: false, error: { code: 'internal_error', message: 'the command failed on the server' } });
      };
      try {
        const out = run();
        if (out instanceof Promise) out.then(ack, failed);
        else ack(out);
      } catch (err) {
        failed(err);
      }
    };
    socket.on('room:resync', (...args: unknown[]) => {
      const { payload, ack } = commandArgs(args);
      answer('resync', ack, () => (isPayload(payload) ? resync() : NO_PAYLOAD('room:resync')));
    });
    for (const name of COMMANDS) {
      // One generic handler for every command; runCommand validates each payload (a missing one included).
      socket.on(name, (...args: unknown[]) => {
        const { payload, ack } = commandArgs(args);
        answer('command', ack, () => {
          const rt = local();
          if (rt) return runCommand(name, payload, seat, rt, services);
          return remote({ kind: 'command', roomId, seat, name, payload }, (a) => a);
        });
      });
    }
  });
  return nsp;
}
