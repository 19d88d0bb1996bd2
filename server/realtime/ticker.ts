// The tick is the rate limit: screens get one message per room per tick, whatever the event rate. Every
// SNAPSHOT_EVERY_TICKS ticks a full snapshot goes out too, healing any client that missed something.
import { LIVE_NAMESPACE } from '../../shared/protocol.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import type { RoomRuntime } from '../rooms/room-runtime.ts';
import type { Services } from '../services.ts';
import { buildSnapshot, roomChannel } from './snapshot.ts';

const FULL_SNAPSHOT_EVERY_MS = 30_000;

export interface TickLog {
  error(obj: object, msg: string): void;
}

export class Ticker {
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;

  constructor(
    private readonly io: IoServer,
    private readonly services: Services,
    readonly intervalMs: number,
    private readonly log: TickLog = { error: () => {} },
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tickAll(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tickAll(): void {
    const end = this.services.metrics.tickDuration.startTimer();
    const wallNow = this.services.clock.now();
    const fullSnapshot = ++this.ticks % Math.max(1, Math.round(FULL_SNAPSHOT_EVERY_MS / this.intervalMs)) === 0;
    for (const runtime of this.services.registry.all()) {
      const rebuilding = this.services.registry.rebuildProgress(runtime.roomId);
      if (rebuilding) {
        this.io
          .of(LIVE_NAMESPACE)
          .to(roomChannel(runtime.roomId))
          .emit('room:rebuilding', { roomId: runtime.roomId, ...rebuilding });
        continue;
      }
      // One room's fault (a bug, or poison a bound missed) is that room's error, never every room's outage.
      try {
        this.tickRoom(runtime, wallNow, fullSnapshot);
        runtime.fault = null;
      } catch (err) {
        if (runtime.fault === null) this.log.error({ err, room: runtime.roomId }, 'room tick failed');
        runtime.fault = String((err as Error)?.message ?? err).slice(0, 200);
      }
    }
    end();
  }

  private tickRoom(runtime: RoomRuntime, wallNow: number, fullSnapshot: boolean): void {
    const nsp = this.io.of(LIVE_NAMESPACE);
    const msg = runtime.tick(wallNow);
    // An at-once import holds the room clock: those ticks show a recording half-loaded, not a live screen.
    if (!runtime.holdClock)
      this.services.writer.putTick(runtime.roomId, msg.state.ts, msg.seq, JSON.stringify(msg.state));
    const lag = msg.state.source.lagMs;
    if (lag !== null) this.services.metrics.roomLag.set({ room: runtime.roomId }, lag / 1000);
    const channel = roomChannel(runtime.roomId);
    nsp.to(channel).emit('room:tick', msg);
    if (!fullSnapshot) return;
    const snap = buildSnapshot(runtime, 'viewer', wallNow, this.intervalMs);
    for (const id of nsp.adapter.rooms.get(channel) ?? []) {
      const socket = nsp.sockets.get(id);
      socket?.emit('room:snapshot', { ...snap, seat: socket.data.seat });
    }
  }
}
