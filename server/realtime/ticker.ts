// The tick is the rate limit: screens get one message per room per tick, whatever the event rate. Every
// SNAPSHOT_EVERY_TICKS ticks a full snapshot goes out too, healing any client that missed something.
import { LIVE_NAMESPACE } from '../../shared/protocol.ts';
import type { IoServer } from '../plugins/socket-io.ts';
import type { Services } from '../services.ts';
import { buildSnapshot, roomChannel } from './snapshot.ts';

const FULL_SNAPSHOT_EVERY_MS = 30_000;

export class Ticker {
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;

  constructor(
    private readonly io: IoServer,
    private readonly services: Services,
    readonly intervalMs: number,
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
    const nsp = this.io.of(LIVE_NAMESPACE);
    const wallNow = this.services.clock.now();
    const fullSnapshot = ++this.ticks % Math.max(1, Math.round(FULL_SNAPSHOT_EVERY_MS / this.intervalMs)) === 0;
    for (const runtime of this.services.registry.all()) {
      const msg = runtime.tick(wallNow);
      // An at-once import holds the room clock: those ticks show a recording half-loaded, not a live screen.
      if (!runtime.holdClock)
        this.services.writer.putTick(runtime.roomId, msg.state.ts, msg.seq, JSON.stringify(msg.state));
      const lag = msg.state.source.lagMs;
      if (lag !== null) this.services.metrics.roomLag.set({ room: runtime.roomId }, lag / 1000);
      const channel = roomChannel(runtime.roomId);
      nsp.to(channel).emit('room:tick', msg);
      if (fullSnapshot) {
        const snap = buildSnapshot(runtime, 'viewer', wallNow, this.intervalMs);
        for (const id of nsp.adapter.rooms.get(channel) ?? []) {
          const socket = nsp.sockets.get(id);
          socket?.emit('room:snapshot', { ...snap, seat: socket.data.seat });
        }
      }
    }
    end();
  }
}
